package dev.honestcompute.receipts.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One variant of a perf receipt against its first measurement (the baseline variant: "generate-scalar" before
 * "generate-simd"): the speed-up of the median time per unit, and whether the numbers are too noisy to read a speed-up
 * from. Noisy means a spread (coefficient of variation of the per-iteration time per unit) above
 * {@value #MAX_QUIET_CV} in either variant, a host load average at or above {@value #MAX_QUIET_LOAD_PER_CORE} per
 * logical core around either measurement (the measurement shared the CPUs), or fewer than {@value #MIN_SAMPLES}
 * samples. A SIMD variant slower than scalar on a loaded machine is thus marked noisy, not reported as a finding.
 *
 * @param baseline       the first measurement's name
 * @param variant        this measurement's name
 * @param unit           what one unit is
 * @param baselineMs     the baseline's median milliseconds per unit
 * @param variantMs      this variant's median milliseconds per unit
 * @param speedup        {@code baselineMs / variantMs}: above 1 is faster than the baseline; NaN when not comparable
 * @param cvBaseline     the baseline's coefficient of variation (NaN when unknown)
 * @param cvVariant      this variant's coefficient of variation (NaN when unknown)
 * @param loadPerCore    the highest load average per logical core around either measurement (NaN when not recorded)
 * @param noise          why the comparison is noisy; empty when it is not
 */
record VariantComparison(String baseline, String variant, String unit, double baselineMs, double variantMs,
                         double speedup, double cvBaseline, double cvVariant, double loadPerCore, List<String> noise) {

    /** Coefficient of variation above which a measurement is too spread out to compare. */
    static final double MAX_QUIET_CV = 0.10;
    /** Load average per logical core at or above which the host was busy with other work. */
    static final double MAX_QUIET_LOAD_PER_CORE = 1.0;
    /** Samples a measurement needs before its spread can be judged. */
    static final int MIN_SAMPLES = 3;

    /** Whether the speed-up cannot be trusted. */
    boolean noisy() {
        return !noise.isEmpty();
    }

    /** "2.51x faster", "0.80x (slower)", or why there is no number. */
    String speedupText() {
        if (!Double.isFinite(speedup)) {
            return "not comparable";
        }
        return Numbers.format(speedup) + "x" + (speedup > 1 ? " faster" : speedup < 1 ? " (slower)" : "");
    }

    /** The comparisons of {@code measurements}' variants with the first; empty for fewer than two measurements. */
    static List<VariantComparison> of(List<PerfMeasurement> measurements) {
        List<VariantComparison> out = new ArrayList<>();
        if (measurements.size() < 2) {
            return out;
        }
        PerfMeasurement base = measurements.get(0);
        for (PerfMeasurement m : measurements.subList(1, measurements.size())) {
            out.add(compare(base, m));
        }
        return out;
    }

    static VariantComparison compare(PerfMeasurement base, PerfMeasurement m) {
        double b = base.medianMsPerUnit();
        double v = m.medianMsPerUnit();
        boolean sameUnit = base.unit().equals(m.unit());
        double speedup = sameUnit && b > 0 && v > 0 ? b / v : Double.NaN;
        double cvB = base.coefficientOfVariation();
        double cvV = m.coefficientOfVariation();
        double load = maxOf(base.loadPerCore(), m.loadPerCore());
        List<String> noise = new ArrayList<>();
        if (!sameUnit) {
            noise.add("different units (" + base.unit() + " vs " + m.unit() + ")");
        }
        for (PerfMeasurement x : List.of(base, m)) {
            double cv = x == base ? cvB : cvV;
            if (x.msPerUnit().size() < MIN_SAMPLES) {
                noise.add(x.name() + ": " + x.msPerUnit().size() + " sample(s), fewer than " + MIN_SAMPLES
                        + " to judge its spread");
            } else if (cv > MAX_QUIET_CV) {
                noise.add(x.name() + ": spread " + percent(cv) + " (coefficient of variation above "
                        + percent(MAX_QUIET_CV) + ")");
            }
        }
        if (load >= MAX_QUIET_LOAD_PER_CORE) {
            PerfMeasurement busier = Double.isNaN(base.loadPerCore()) || m.loadPerCore() > base.loadPerCore()
                    ? m : base;
            noise.add("host load " + Numbers.format(load * busier.logicalCores()) + " on " + busier.logicalCores()
                    + " logical core(s) while measuring (" + busier.name() + "): the machine was busy");
        }
        return new VariantComparison(base.name(), m.name(), m.unit(), b, v, speedup, cvB, cvV, load,
                List.copyOf(noise));
    }

    private static double maxOf(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "";
    }
}
