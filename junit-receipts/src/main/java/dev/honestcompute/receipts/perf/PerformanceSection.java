package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Our fuller {@code performance} receipt entry for one measurement. Built only by
 * {@link Measurement#toPerformanceSection()}.
 *
 * @param name                 the measurement's label, unique within a test
 * @param unit                 what one unit is ("tokens", "items")
 * @param timer                the clock used ({@code System.nanoTime})
 * @param warmupIterations     iterations run and discarded before measuring
 * @param measuredIterations   iterations measured
 * @param totalUnits           units produced by the measured iterations
 * @param totalTimeMs          wall time of the measured iterations
 * @param unitsPerSecond       {@code totalUnits / totalTimeMs * 1000}
 * @param latency              per-iteration latency summary
 * @param samplesMs            every measured iteration's latency, in order
 * @param unitsPerIteration    units produced by each measured iteration, in order
 * @param firstUnitLatencyMs   per-iteration time to first unit (streamed measurements only, else {@code null})
 * @param memoryUsageSource    what {@code performance_baseline.memory_usage_mb} reports: "rss" or "heap"
 * @param resources            heap, RSS and GC of the measured part
 * @param recorderActive       whether the kernel recorder agent was active during the measured part
 * @param kernels              kernels observed during the measured part only
 * @param backgroundKernelCalls   kernel calls made, while the measurement ran, by work no window reaches (never credited)
 * @param kernelCalls          kernel calls of the measured iterations (each iteration in a window of its own)
 * @param kernelCallsPerUnit   {@code kernelCalls / totalUnits}: "1,000,000 tokens from 0 kernel calls" cannot pass
 * @param kernelCallsPerIteration kernel calls of each measured iteration, in order
 * @param kernelCallsPerUnitPerIteration kernel calls per unit of each iteration, warmup iterations first: a repeated
 *                             input that became much cheaper was served from a cache (rule HC033)
 * @param host                 the host fingerprint (its compared keys decide whether a baseline applies)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceSection(
        @JsonProperty("name") String name,
        @JsonProperty("unit") String unit,
        @JsonProperty("timer") String timer,
        @JsonProperty("warmup_iterations") int warmupIterations,
        @JsonProperty("measured_iterations") int measuredIterations,
        @JsonProperty("total_units") long totalUnits,
        @JsonProperty("total_time_ms") double totalTimeMs,
        @JsonProperty("units_per_second") double unitsPerSecond,
        @JsonProperty("latency") LatencySummary latency,
        @JsonProperty("samples_ms") List<Double> samplesMs,
        @JsonProperty("units_per_iteration") List<Long> unitsPerIteration,
        @JsonProperty("first_unit_latency_ms") List<Double> firstUnitLatencyMs,
        @JsonProperty("memory_usage_source") String memoryUsageSource,
        @JsonProperty("resources") ResourceUsage resources,
        @JsonProperty("recorder_active") boolean recorderActive,
        @JsonProperty("kernels") List<ObservedKernel> kernels,
        @JsonProperty("background_kernel_calls") long backgroundKernelCalls,
        @JsonProperty("kernel_calls") long kernelCalls,
        @JsonProperty("kernel_calls_per_unit") double kernelCallsPerUnit,
        @JsonProperty("kernel_calls_per_iteration") List<Long> kernelCallsPerIteration,
        @JsonProperty("kernel_calls_per_unit_per_iteration") List<Double> kernelCallsPerUnitPerIteration,
        @JsonProperty("host") JsonNode host) {
}
