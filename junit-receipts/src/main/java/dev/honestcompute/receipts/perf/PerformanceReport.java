package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.honestcompute.recorder.KernelRecorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The receipt's {@code performance} section as {@link MeasurePerformance} writes it:
 * <pre>{@code
 * "performance": {
 *   "format": "honestcompute-performance/1",
 *   "measurements": [ {PerformanceSection}, ... ],          // every measurement of the test, in order
 *   "performance_baseline": {tokens_generated, total_time_ms, tokens_per_second, [first_token_latency_ms],
 *                            average_token_latency_ms, memory_usage_mb},   // BitNet fields, first measurement
 *   "regression_policy": {"threshold": 0.1, "gate": false, "force_compare": false, "confidence": 0.95,
 *                         "resamples": 2000, "seed": 42, "baselines_dir": "perf-baselines"},
 *   "comparisons": [ {BaselineComparison}, ... ],           // one per measurement
 *   "warnings": ["..."]                                      // non-gating regressions, not-comparable, recorder off
 * }
 * }</pre>
 * Built only from {@link Measurement}s taken by a {@link PerfRecorder}; there is no way to put a number in by hand.
 * LEAD: the receipt writer should also copy {@code performance.performance_baseline} to the top-level
 * {@code performance_baseline} field (BitNet.rs schema 1.0.0).
 */
public record PerformanceReport(
        @JsonProperty("format") String format,
        @JsonProperty(MEASUREMENTS) List<PerformanceSection> measurements,
        @JsonProperty(PERFORMANCE_BASELINE) PerformanceBaseline performanceBaseline,
        @JsonProperty("regression_policy") Map<String, Object> regressionPolicy,
        @JsonProperty("comparisons") List<BaselineComparison> comparisons,
        @JsonProperty("warnings") List<String> warnings) {

    static final String FORMAT = "honestcompute-performance/1";
    static final String MEASUREMENTS = "measurements";
    static final String PERFORMANCE_BASELINE = "performance_baseline";

    static PerformanceReport of(List<Measurement> measurements, List<BaselineComparison> comparisons,
                                RegressionPolicy policy, String baselinesDir, List<String> extraWarnings) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("a performance report needs at least one measurement");
        }
        List<PerformanceSection> sections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Measurement m : measurements) {
            sections.add(m.toPerformanceSection());
            if (!m.kernels().recorderActive()) {
                warnings.add(m.name() + ": the kernel recorder was not active, so kernels that ran during the "
                        + "measured part were not observed; " + KernelRecorder.activationHint());
            }
        }
        for (BaselineComparison c : comparisons) {
            if ((c.verdict() == PerfVerdict.REGRESSION && !c.failsBuild()) || c.verdict() == PerfVerdict.NOT_COMPARABLE) {
                warnings.add(c.message());
            }
        }
        warnings.addAll(extraWarnings);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("threshold", policy.threshold());
        p.put("gate", policy.gating());
        p.put("force_compare", policy.forceCompare());
        p.put("confidence", policy.confidence());
        p.put("resamples", policy.resamples());
        p.put("seed", policy.seed());
        p.put("baselines_dir", baselinesDir);
        return new PerformanceReport(FORMAT, List.copyOf(sections), measurements.get(0).toPerformanceBaseline(), p,
                List.copyOf(comparisons), List.copyOf(warnings));
    }

    /** One line for logs: each measurement's throughput and verdict. */
    String summaryLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < measurements.size(); i++) {
            PerformanceSection s = measurements.get(i);
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(String.format(Locale.ROOT, "%s: %.4g %s/s, p50 %.4g ms, p95 %.4g ms", s.name(),
                    s.unitsPerSecond(), s.unit(), s.latency().p50Ms(), s.latency().p95Ms()));
            if (i < comparisons.size()) {
                sb.append(" (").append(comparisons.get(i).verdict().name().toLowerCase(Locale.ROOT)).append(')');
            }
        }
        return sb.toString();
    }
}
