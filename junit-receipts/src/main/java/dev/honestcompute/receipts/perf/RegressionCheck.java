package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares measurements with the baselines in a {@link BaselineStore}.
 *
 * <p>Rule: the compared value is milliseconds per unit per iteration (lower is better). The point ratio is
 * {@code median(current) / baseline.median_ms_per_unit}. When either side has at least 3 samples, a seeded
 * percentile-bootstrap confidence interval of the median ratio decides instead of the point ratio: a regression only
 * when the whole interval lies above {@code 1 + threshold}, an improvement only when it lies below
 * {@code 1 - threshold}; otherwise ok. So noise whose interval still reaches into the threshold does not fire.
 *
 * <pre>{@code
 * RegressionCheck check = new RegressionCheck(new BaselineStore(Path.of("perf-baselines")), RegressionPolicy.defaults());
 * BaselineComparison c = check.compare("com.acme.GenerateTest", "generates", measurement);
 * if (c.failsBuild()) throw new AssertionError(c.message());
 * }</pre>
 */
public final class RegressionCheck {

    private final BaselineStore store;
    private final RegressionPolicy policy;

    public RegressionCheck(BaselineStore store, RegressionPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Compares a measurement taken by {@link PerfRecorder} with the test's baseline. */
    public BaselineComparison compare(String testClass, String testMethod, Measurement measurement) {
        return compare(testClass, testMethod, measurement.name(), measurement.unit(), measurement.msPerUnitSamples(),
                measurement.host());
    }

    /** Compares a performance section read back from a receipt (samples in ms per unit). */
    BaselineComparison compare(String testClass, String testMethod, String name, String unit, double[] current,
                               JsonNode currentHost) {
        Path file = store.fileFor(testClass, testMethod);
        Optional<PerfBaseline> found = store.read(testClass, testMethod);
        if (found.isEmpty()) {
            return result(name, PerfVerdict.NO_BASELINE, null, file, List.of(), "no baseline file " + file
                    + " for " + testClass + "#" + testMethod + "; create it with 'baseline update --from "
                    + "target/receipts --to " + store.dir() + "'");
        }
        PerfBaseline baseline = found.get();
        BaselineMeasurement base = baseline.measurements().get(name);
        if (base == null) {
            return result(name, PerfVerdict.NO_BASELINE, null, file, List.of(), "baseline " + file
                    + " has no measurement '" + name + "' (it has " + baseline.measurements().keySet()
                    + "); regenerate it with 'baseline update'");
        }
        if (!base.unit().equals(unit)) {
            return result(name, PerfVerdict.NOT_COMPARABLE, null, file, List.of(), "baseline " + file
                    + " measures '" + name + "' in " + base.unit() + " but this run measures " + unit);
        }
        List<String> diffs = Hosts.differences(currentHost, "this run's host fingerprint", baseline.host(),
                "baseline " + file + " field 'host'");
        if (!diffs.isEmpty() && !policy.forceCompare()) {
            return result(name, PerfVerdict.NOT_COMPARABLE, null, file, diffs, "baseline " + file
                    + " was taken on a different host (" + String.join("; ", diffs) + "); not compared. Set "
                    + RegressionPolicy.FORCE_COMPARE_KEY + "=true to compare anyway, or regenerate the baseline here");
        }
        double[] baseSamples = base.samplesMsPerUnit().stream().mapToDouble(Double::doubleValue).toArray();
        BootstrapMedianRatio.Interval ci = BootstrapMedianRatio.of(current, baseSamples, base.medianMsPerUnit(), policy);
        double up = 1 + policy.threshold();
        double down = 1 - policy.threshold();
        PerfVerdict verdict;
        if (ci.low() > up) {
            verdict = PerfVerdict.REGRESSION;
        } else if (ci.high() < down) {
            verdict = PerfVerdict.IMPROVED;
        } else {
            verdict = PerfVerdict.OK;
        }
        String how = ci.bootstrapped()
                ? String.format(Locale.ROOT, "%.0f%% CI [%.3f, %.3f]", policy.confidence() * 100, ci.low(), ci.high())
                : "point estimate (fewer than 3 samples on both sides)";
        String message = String.format(Locale.ROOT, "%s: median %.4g ms/%s vs baseline %.4g (ratio %.3f, %s, "
                        + "threshold %.0f%%) -> %s%s%s", name, Percentiles.median(current), singular(unit),
                base.medianMsPerUnit(), ci.pointRatio(), how, policy.threshold() * 100,
                verdict.name().toLowerCase(Locale.ROOT),
                diffs.isEmpty() ? "" : " (host differs, compared because forced: " + String.join("; ", diffs) + ")",
                verdict == PerfVerdict.REGRESSION ? (policy.gating() ? " [gating: fails the build]"
                        : " [non-gating warning; set " + RegressionPolicy.GATING_KEY + "=true to fail the build]") : "");
        return new BaselineComparison(name, verdict, ci.pointRatio(), ci.low(), ci.high(), ci.bootstrapped(),
                policy.threshold(), verdict == PerfVerdict.REGRESSION && policy.gating(), file.toString(), diffs,
                message);
    }

    private BaselineComparison result(String name, PerfVerdict verdict, Double ratio, Path file, List<String> diffs,
                                      String message) {
        return new BaselineComparison(name, verdict, ratio, null, null, false, policy.threshold(), false,
                file.toString(), diffs, message);
    }

    private static String singular(String unit) {
        return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }
}
