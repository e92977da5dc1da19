package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.recorder.KernelStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfRecorderTest {

    private final Matmul matmul = new Matmul(48, 1);

    @Test
    void measuresRealMatmulWithFinitePositiveNumbers() {
        PerfRecorder perf = PerfRecorder.create(2, 6).unit("rows");

        Measurement m = perf.measure("matmul-48", matmul::multiply);

        assertThat(m.measuredIterations()).isEqualTo(6);
        assertThat(m.warmupIterations()).isEqualTo(2);
        assertThat(m.totalUnits()).isEqualTo(6 * 48);
        assertThat(Arrays.stream(m.iterationNanos()).min().orElseThrow()).isPositive();
        LatencySummary l = m.latency();
        assertThat(l.count()).isEqualTo(6);
        assertThat(l.minMs()).isPositive().isLessThanOrEqualTo(l.p50Ms());
        assertThat(l.p50Ms()).isLessThanOrEqualTo(l.p95Ms());
        assertThat(l.p95Ms()).isLessThanOrEqualTo(l.maxMs());
        assertThat(l.meanMs()).isBetween(l.minMs(), l.maxMs());
        double sumMs = Arrays.stream(m.iterationNanos()).sum() / 1e6;
        assertThat(m.totalTimeMs()).isEqualTo(sumMs);
        assertThat(m.unitsPerSecond()).isEqualTo(6 * 48 / (sumMs / 1000.0));
        assertThat(m.resources().peakHeapBytes()).isPositive();
        assertThat(m.resources().gcCount()).isNotNegative();
        assertThat(m.resources().gcTimeMs()).isNotNegative();
        // This is Linux: VmHWM exists, so a peak RSS is reported (its scope depends on /proc/self/clear_refs).
        assertThat(m.resources().peakRssBytes()).isNotNull().isPositive();
        assertThat(m.resources().rssScope()).isNotEqualTo(RssScope.UNAVAILABLE);
        // Linux reports a load average: the report flags a comparison measured on a busy host as noisy.
        assertThat(m.resources().loadAverageStart()).isNotNull().isNotNegative();
        assertThat(m.resources().loadAverageEnd()).isNotNull().isNotNegative();
        assertThat(m.host().path("logical_cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(perf.measurements()).containsExactly(m);
        assertThat(matmul.checksum()).isNotZero();
    }

    @Test
    void bitnetBaselineAndFullSectionCarryTheMeasuredNumbers() {
        Measurement m = PerfRecorder.create(1, 4).unit("rows").measure("matmul", matmul::multiply);

        PerformanceBaseline pb = m.toPerformanceBaseline();
        assertThat(pb.tokensGenerated()).isEqualTo(4 * 48);
        assertThat(pb.totalTimeMs()).isEqualTo(m.totalTimeMs());
        assertThat(pb.tokensPerSecond()).isEqualTo(m.unitsPerSecond());
        assertThat(pb.averageTokenLatencyMs()).isEqualTo(m.totalTimeMs() / (4 * 48));
        assertThat(pb.firstTokenLatencyMs()).isNull();
        assertThat(pb.memoryUsageMb()).isPositive();

        JsonNode json = ReceiptJson.mapper().valueToTree(pb);
        assertThat(json.has("first_token_latency_ms")).isFalse();
        assertThat(json.fieldNames()).toIterable().containsExactly("tokens_generated", "total_time_ms",
                "tokens_per_second", "average_token_latency_ms", "memory_usage_mb");

        JsonNode section = ReceiptJson.mapper().valueToTree(m.toPerformanceSection());
        assertThat(section.path("warmup_iterations").asInt()).isEqualTo(1);
        assertThat(section.path("measured_iterations").asInt()).isEqualTo(4);
        assertThat(section.path("samples_ms")).hasSize(4);
        assertThat(section.path("latency").path("p95_ms").asDouble()).isPositive();
        assertThat(section.path("resources").path("rss_scope").asText()).isIn("MEASURED_PART", "SINCE_JVM_START");
        assertThat(section.path("resources").path("load_average_start").isNumber()).isTrue();
        assertThat(section.path("resources").path("load_average_end").isNumber()).isTrue();
        assertThat(section.path("memory_usage_source").asText()).isIn("rss", "heap");
        assertThat(section.path("host").path("cpu_model").asText()).isNotBlank();
    }

    @Test
    void streamingMeasurementTimesTheFirstUnit() {
        Measurement m = PerfRecorder.create(1, 3).unit("rows")
                .measureStream("rows-streamed", sink -> matmul.multiplyStreaming(sink::unit));

        PerformanceBaseline pb = m.toPerformanceBaseline();
        assertThat(pb.firstTokenLatencyMs()).isNotNull().isPositive();
        assertThat(pb.firstTokenLatencyMs()).isLessThan(m.latency().maxMs());
        assertThat(m.totalUnits()).isEqualTo(3 * 48);
    }

    @Test
    void kernelsAreObservedDuringTheMeasuredIterationsOnly() {
        AtomicInteger bodyCalls = new AtomicInteger();
        dev.honestcompute.receipts.TestKernels.matmul(); // no window open: a background call, credited to nobody

        Measurement m = PerfRecorder.create(3, 4).unit("rows").kernelWindow("PerfRecorderTest", true)
                .measure("kernel-scope", () -> {
                    bodyCalls.incrementAndGet();
                    dev.honestcompute.receipts.TestKernels.matmul();
                    return matmul.multiply();
                });

        assertThat(bodyCalls).hasValue(7);
        assertThat(m.kernels().kernels()).extracting(KernelStats::id, KernelStats::backend, KernelStats::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("matmul_f32", "cpu", 4L),
                        org.assertj.core.groups.Tuple.tuple("perf_test.matmul_row", "cpu", 4L * 48));
        JsonNode section = ReceiptJson.mapper().valueToTree(m.toPerformanceSection());
        assertThat(section.path("kernels").get(0).path("calls").asLong()).isEqualTo(4);
        assertThat(section.path("kernel_calls").asLong()).isEqualTo(4 * 49);
        assertThat(section.path("kernel_calls_per_iteration").toString()).isEqualTo("[49,49,49,49]");
        assertThat(section.path("kernel_calls_per_unit_per_iteration")).as("3 warmup + 4 measured").hasSize(7);
        assertThat(m.kernelEvidenceProblem()).isNull();
    }

    private byte[] retained;

    @Test
    void peakHeapSeesMemoryTheMeasuredWorkHolds() {
        Measurement m = PerfRecorder.create(0, 3).measure("alloc-32m", () -> {
            retained = new byte[32 * 1024 * 1024];
            retained[retained.length - 1] = 1;
            return retained.length / (1024 * 1024);
        });
        assertThat(m.resources().peakHeapBytes()).isGreaterThanOrEqualTo(32L * 1024 * 1024);
        assertThat(m.totalUnits()).isEqualTo(96);
    }

    @Test
    void rejectsABodyThatProducedNothing() {
        PerfRecorder perf = PerfRecorder.create(0, 3);
        assertThatThrownBy(() -> perf.measure("empty", () -> 0))
                .isInstanceOf(PerfMeasurementException.class)
                .hasMessageContaining("measurement 'empty', iteration 0")
                .hasMessageContaining("at least one unit");
        assertThatThrownBy(() -> perf.measure("negative", () -> -5))
                .isInstanceOf(PerfMeasurementException.class).hasMessageContaining("-5");
        assertThat(perf.measurements()).isEmpty();
    }

    @Test
    void rejectsNonFiniteOrNonPositiveReportedNumbers() {
        assertThatThrownBy(() -> new PerformanceBaseline(10, Double.NaN, 1, null, 1, 1))
                .isInstanceOf(PerfMeasurementException.class)
                .hasMessageContaining("performance_baseline.total_time_ms = NaN");
        assertThatThrownBy(() -> new PerformanceBaseline(10, 1, Double.POSITIVE_INFINITY, null, 1, 1))
                .hasMessageContaining("tokens_per_second = Infinity");
        assertThatThrownBy(() -> new PerformanceBaseline(10, 1, 1, 0.0, 1, 1))
                .hasMessageContaining("first_token_latency_ms = 0.0");
    }

    @Test
    void bodyExceptionsNameTheMeasurementAndIteration() {
        PerfRecorder perf = PerfRecorder.create(1, 2);
        assertThatThrownBy(() -> perf.measure("io", () -> {
            throw new IOException("disk gone");
        })).isInstanceOf(PerfMeasurementException.class)
                .hasMessageContaining("measurement 'io', warmup iteration 0: the body threw java.io.IOException: "
                        + "disk gone");
    }

    @Test
    void rejectsBadNamesDuplicatesAndIterationCounts() {
        PerfRecorder perf = PerfRecorder.create(0, 1);
        assertThatThrownBy(() -> perf.measure("has space", matmul::multiply))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must match");
        perf.measure("once", matmul::multiply);
        assertThatThrownBy(() -> perf.measure("once", matmul::multiply))
                .hasMessageContaining("'once' was already taken");
        assertThatThrownBy(() -> PerfRecorder.create(0, 0)).hasMessageContaining("iterations must be >= 1");
        assertThatThrownBy(() -> PerfRecorder.create(-1, 3)).hasMessageContaining("warmup must be >= 0");
        assertThatThrownBy(() -> PerfRecorder.create(0, 3).unit(" ")).hasMessageContaining("non-blank");
    }

    @Test
    void percentilesInterpolateLinearlyBetweenClosestRanks() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(Percentiles.ofSorted(sorted, 0.5)).isEqualTo(2.5);
        assertThat(Percentiles.ofSorted(sorted, 0.95)).isEqualTo(3.85, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Percentiles.ofSorted(sorted, 0)).isEqualTo(1);
        assertThat(Percentiles.ofSorted(sorted, 1)).isEqualTo(4);
        assertThat(Percentiles.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThatThrownBy(() -> Percentiles.ofSorted(new double[0], 0.5)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Percentiles.ofSorted(sorted, Double.NaN)).hasMessageContaining("[0, 1]");
    }
}
