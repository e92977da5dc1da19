package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * BitNet.rs-compatible {@code performance_baseline} receipt section, derived from a {@link Measurement} (never built
 * from numbers a test supplies: the only factory is {@link Measurement#toPerformanceBaseline()}).
 *
 * @param tokensGenerated       units produced over all measured iterations
 * @param totalTimeMs           wall time of all measured iterations
 * @param tokensPerSecond       {@code tokensGenerated / totalTimeMs * 1000}
 * @param firstTokenLatencyMs   median time from iteration start to the first unit; {@code null} (omitted) unless the
 *                              work was measured as a stream
 * @param averageTokenLatencyMs {@code totalTimeMs / tokensGenerated}
 * @param memoryUsageMb         peak RSS of the measured part in MiB when the peak could be reset, otherwise peak heap
 *                              (the fuller {@link PerformanceSection} says which)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceBaseline(
        @JsonProperty("tokens_generated") long tokensGenerated,
        @JsonProperty("total_time_ms") double totalTimeMs,
        @JsonProperty("tokens_per_second") double tokensPerSecond,
        @JsonProperty("first_token_latency_ms") Double firstTokenLatencyMs,
        @JsonProperty("average_token_latency_ms") double averageTokenLatencyMs,
        @JsonProperty("memory_usage_mb") double memoryUsageMb) {

    public PerformanceBaseline {
        positive("tokens_generated", tokensGenerated);
        positive("total_time_ms", totalTimeMs);
        positive("tokens_per_second", tokensPerSecond);
        if (firstTokenLatencyMs != null) {
            positive("first_token_latency_ms", firstTokenLatencyMs);
        }
        positive("average_token_latency_ms", averageTokenLatencyMs);
        positive("memory_usage_mb", memoryUsageMb);
    }

    private static void positive(String field, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new PerfMeasurementException("performance_baseline." + field + " = " + value
                    + ": every reported number must be measured, finite and > 0");
        }
    }
}
