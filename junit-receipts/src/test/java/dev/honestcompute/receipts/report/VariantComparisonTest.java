package dev.honestcompute.receipts.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed-up of one perf variant over the receipt's first, and each cause of the noise flag on its own: spread,
 * host load, too few samples, different units.
 */
class VariantComparisonTest {

    private static PerfMeasurement measured(String name, String unit, List<Double> msPerUnit, double load, int cores) {
        return new PerfMeasurement(name, unit, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, "no baseline",
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", msPerUnit, load, load, cores);
    }

    private static final List<Double> SCALAR = List.of(0.40, 0.41, 0.39, 0.40, 0.42);
    private static final List<Double> SIMD = List.of(0.10, 0.10, 0.11, 0.09, 0.10);

    @Test
    void aQuietComparisonReportsTheSpeedUpOfTheMedians() {
        VariantComparison v = VariantComparison.compare(measured("scalar", "tokens", SCALAR, 0.3, 2),
                measured("simd", "tokens", SIMD, 0.4, 2));

        assertThat(v.speedup()).isEqualTo(4.0);
        assertThat(v.speedupText()).isEqualTo("4x faster");
        assertThat(v.loadPerCore()).isEqualTo(0.2);
        assertThat(v.noisy()).isFalse();
    }

    @Test
    void aBusyHostMakesTheComparisonNoisyEvenWithATightSpread() {
        VariantComparison v = VariantComparison.compare(measured("scalar", "tokens", SIMD, 0.5, 2),
                measured("simd", "tokens", SCALAR, 2.4, 2));

        assertThat(v.speedupText()).isEqualTo("0.25x (slower)");
        assertThat(v.noise()).containsExactly("host load 2.4 on 2 logical core(s) while measuring (simd): the machine "
                + "was busy");
    }

    @Test
    void aWideSpreadMakesTheComparisonNoisyOnAQuietHost() {
        VariantComparison v = VariantComparison.compare(measured("scalar", "tokens", SCALAR, 0.1, 2),
                measured("simd", "tokens", List.of(0.05, 0.10, 0.30, 0.10, 0.08), 0.1, 2));

        assertThat(v.noise()).singleElement().asString()
                .startsWith("simd: spread ").endsWith("(coefficient of variation above 10.0%)");
    }

    @Test
    void tooFewSamplesOrAMissingLoadOrDifferentUnitsAreSaid() {
        VariantComparison few = VariantComparison.compare(measured("scalar", "tokens", List.of(0.4, 0.4), 0.1, 2),
                measured("simd", "tokens", SIMD, Double.NaN, 2));
        assertThat(few.noise()).containsExactly("scalar: 2 sample(s), fewer than 3 to judge its spread");
        assertThat(few.loadPerCore()).isEqualTo(0.05);

        VariantComparison units = VariantComparison.compare(measured("scalar", "tokens", SCALAR, 0.1, 2),
                measured("simd", "rows", SIMD, 0.1, 2));
        assertThat(units.speedupText()).isEqualTo("not comparable");
        assertThat(units.noise()).containsExactly("different units (tokens vs rows)");
    }
}
