package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegressionCheckTest {

    private static final String CLASS = "com.acme.GenerateTest";
    private static final String METHOD = "generates";

    @TempDir
    Path dir;

    private final JsonNode host = Hosts.current();

    private BaselineComparison compare(RegressionPolicy policy, double... current) {
        return new RegressionCheck(new BaselineStore(dir), policy)
                .compare(CLASS, METHOD, "gen", "tokens", current, host);
    }

    private static double[] noisy(long seed, int n, double center, double spread) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = center * (1 + spread * (r.nextDouble() * 2 - 1));
        }
        return out;
    }

    @Test
    void noiseAboveThePointThresholdDoesNotFireWhenTheIntervalReachesIntoIt() throws Exception {
        Baselines.write(dir, CLASS, METHOD, "gen", "tokens", host, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.1, 1.2, 1.3, 1.4);
        // The median is 12% slower, but the samples are so noisy that the 95% interval reaches below 1.10.
        double[] current = {0.70, 1.60, 1.12, 0.80, 1.45};

        BaselineComparison c = compare(RegressionPolicy.defaults(), current);

        assertThat(c.ratio()).isEqualTo(1.12, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.bootstrapped()).isTrue();
        assertThat(c.ciLow()).isLessThan(1.10);
        assertThat(c.verdict()).isEqualTo(PerfVerdict.OK);
        assertThat(c.failsBuild()).isFalse();
    }

    @Test
    void aClearSlowdownIsARegressionWarningByDefaultAndFailsWhenGating() throws Exception {
        Baselines.write(dir, CLASS, METHOD, "gen", "tokens", host, noisy(2, 20, 1.0, 0.05));
        double[] current = noisy(3, 10, 1.5, 0.05);

        BaselineComparison warn = compare(RegressionPolicy.defaults(), current);
        assertThat(warn.verdict()).isEqualTo(PerfVerdict.REGRESSION);
        assertThat(warn.ciLow()).isGreaterThan(1.10);
        assertThat(warn.failsBuild()).isFalse();
        assertThat(warn.message()).contains("regression").contains("non-gating warning")
                .contains(RegressionPolicy.GATING_KEY + "=true");

        BaselineComparison gate = compare(RegressionPolicy.defaults().withGating(true), current);
        assertThat(gate.verdict()).isEqualTo(PerfVerdict.REGRESSION);
        assertThat(gate.failsBuild()).isTrue();
        assertThat(gate.message()).contains("[gating: fails the build]");
    }

    @Test
    void fasterIsAnImprovementAndTheIntervalIsSeeded() throws Exception {
        Baselines.write(dir, CLASS, METHOD, "gen", "tokens", host, noisy(4, 20, 1.0, 0.05));
        double[] current = noisy(5, 10, 0.6, 0.05);

        BaselineComparison a = compare(RegressionPolicy.defaults(), current);
        BaselineComparison b = compare(RegressionPolicy.defaults(), current);

        assertThat(a.verdict()).isEqualTo(PerfVerdict.IMPROVED);
        assertThat(a.ciLow()).isEqualTo(b.ciLow());
        assertThat(a.ciHigh()).isEqualTo(b.ciHigh());
    }

    @Test
    void withFewerThanThreeSamplesOnBothSidesThePointRatioDecides() throws Exception {
        Baselines.write(dir, CLASS, METHOD, "gen", "tokens", host, 1.0, 1.0);
        BaselineComparison c = compare(RegressionPolicy.defaults(), 1.2, 1.2);
        assertThat(c.bootstrapped()).isFalse();
        assertThat(c.ciLow()).isEqualTo(c.ratio()).isEqualTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.verdict()).isEqualTo(PerfVerdict.REGRESSION);
    }

    @Test
    void aBaselineFromAnotherHostIsNotComparableUnlessForced() throws Exception {
        Path file = Baselines.write(dir, CLASS, METHOD, "gen", "tokens", Baselines.otherHost(), 1.0, 1.0, 1.0);

        BaselineComparison c = compare(RegressionPolicy.defaults(), 5.0, 5.0, 5.0);
        assertThat(c.verdict()).isEqualTo(PerfVerdict.NOT_COMPARABLE);
        assertThat(c.hostDifferences()).singleElement().asString()
                .isEqualTo("logical_cores: 999 (baseline) vs " + Runtime.getRuntime().availableProcessors() + " (now)");
        assertThat(c.message()).contains(file.toString()).contains("different host")
                .contains(RegressionPolicy.FORCE_COMPARE_KEY + "=true");

        BaselineComparison forced = compare(RegressionPolicy.defaults().withForceCompare(true), 5.0, 5.0, 5.0);
        assertThat(forced.verdict()).isEqualTo(PerfVerdict.REGRESSION);
        assertThat(forced.message()).contains("host differs, compared because forced");
    }

    @Test
    void missingBaselineOrMeasurementOrOtherUnitIsReportedNotThrown() throws Exception {
        BaselineComparison none = compare(RegressionPolicy.defaults(), 1.0);
        assertThat(none.verdict()).isEqualTo(PerfVerdict.NO_BASELINE);
        assertThat(none.message()).contains(new BaselineStore(dir).fileFor(CLASS, METHOD).toString())
                .contains("baseline update");

        Baselines.write(dir, CLASS, METHOD, "other", "tokens", host, 1.0);
        assertThat(compare(RegressionPolicy.defaults(), 1.0).message()).contains("has no measurement 'gen'")
                .contains("[other]");

        Baselines.write(dir, CLASS, METHOD, "gen", "items", host, 1.0);
        BaselineComparison unit = compare(RegressionPolicy.defaults(), 1.0);
        assertThat(unit.verdict()).isEqualTo(PerfVerdict.NOT_COMPARABLE);
        assertThat(unit.message()).contains("in items but this run measures tokens");
    }

    private Path writeRaw(String json) throws Exception {
        Path file = new BaselineStore(dir).fileFor(CLASS, METHOD);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private String valid() throws Exception {
        Path file = Baselines.write(dir, CLASS, METHOD, "gen", "tokens", host, 1.0, 1.1, 0.9);
        return Files.readString(file);
    }

    @Test
    void malformedBaselinesNameTheFileAndField() throws Exception {
        String good = valid();

        Path file = writeRaw("{\"format\": ");
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .isInstanceOf(BaselineException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("malformed JSON")
                .hasMessageContaining("baseline update");

        writeRaw(good.replaceFirst("\"median_ms_per_unit\" : [0-9.]+", "\"median_ms_per_unit\" : NaN"));
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .hasMessageContaining(file.toString()).hasMessageContaining("malformed JSON")
                .hasMessageContaining("NaN");

        writeRaw(good.replaceFirst("\"median_ms_per_unit\" : [0-9.]+", "\"median_ms_per_unit\" : -1"));
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .hasMessageContaining("baseline " + file + " field 'measurements.gen.median_ms_per_unit': "
                        + "expected a finite number > 0, found -1");

        writeRaw(good.replaceFirst("\"runs\" : 1,", ""));
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .hasMessageContaining("field 'measurements.gen.runs': expected an integer >= 1");

        writeRaw(good.replace("honestcompute-perf-baseline/1", "something-else"));
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .hasMessageContaining("field 'format': expected 'honestcompute-perf-baseline/1', found "
                        + "'something-else'");

        writeRaw(good.replaceFirst("\"logical_cores\" : [0-9]+,", ""));
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .hasMessageContaining("baseline " + file + " field 'host'")
                .hasMessageContaining("'logical_cores'");

        writeRaw("[1, 2]");
        assertThatThrownBy(() -> compare(RegressionPolicy.defaults(), 1.0))
                .hasMessageContaining(file.toString()).hasMessageContaining("expected a JSON object");
    }

    @Test
    void policyFromConfigurationNamesTheBadKey() {
        RegressionPolicy p = RegressionPolicy.fromConfig(Map.of(RegressionPolicy.GATING_KEY, "true",
                RegressionPolicy.FORCE_COMPARE_KEY, "TRUE", RegressionPolicy.THRESHOLD_KEY, "0.25")::get);
        assertThat(p.gating()).isTrue();
        assertThat(p.forceCompare()).isTrue();
        assertThat(p.threshold()).isEqualTo(0.25);
        assertThat(RegressionPolicy.fromConfig(k -> null)).isEqualTo(RegressionPolicy.defaults());

        assertThatThrownBy(() -> RegressionPolicy.fromConfig(Map.of(RegressionPolicy.GATING_KEY, "yes")::get))
                .hasMessageContaining("honestcompute.perf.gate='yes' must be true or false");
        assertThatThrownBy(() -> RegressionPolicy.fromConfig(Map.of(RegressionPolicy.THRESHOLD_KEY, "NaN")::get))
                .hasMessageContaining("honestcompute.perf.threshold='NaN' is not a number");
        assertThatThrownBy(() -> RegressionPolicy.fromConfig(Map.of(RegressionPolicy.THRESHOLD_KEY, "-0.1")::get))
                .hasMessageContaining("must be a fraction in (0, 10)");
    }
}
