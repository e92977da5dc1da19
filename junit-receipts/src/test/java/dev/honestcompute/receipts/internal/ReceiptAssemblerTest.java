package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.recorder.Fallback;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptAssemblerTest {

    private static KernelObservations seen(KernelStats... kernels) {
        return new KernelObservations(List.of(kernels), List.of(), true, 0);
    }

    private static KernelStats ran(String id, String backend) {
        return new KernelStats(id, backend, 3, 0, -1);
    }

    @Test
    void theObservedBackendPrefersGpuThenSimdThenScalarAmongKernelsThatRan() {
        assertThat(ReceiptAssembler.observedBackend(seen(ran("a", "cpu"), ran("b", "cpu-simd"), ran("c", "cuda"))))
                .isEqualTo("cuda");
        assertThat(ReceiptAssembler.observedBackend(seen(ran("a", "cpu"), ran("b", "cpu-simd")))).isEqualTo("cpu-simd");
        assertThat(ReceiptAssembler.observedBackend(seen(ran("a", "cpu")))).isEqualTo("cpu");
        assertThat(ReceiptAssembler.observedBackend(seen())).isEqualTo("none");
        // A GPU kernel that only failed did not run: it does not make the receipt a GPU receipt.
        assertThat(ReceiptAssembler.observedBackend(seen(ran("a", "cpu"), new KernelStats("g", "cuda", 0, 2, -1))))
                .isEqualTo("cpu");
    }

    @Test
    void kernelsAreSortedUniqueIdsThatRanAndStatsKeepEveryObservation() {
        KernelObservations observations = new KernelObservations(List.of(ran("softmax", "cpu"),
                new KernelStats("matmul", "cpu-simd", 2, 1, 1500), new KernelStats("matmul", "cpu", 1, 0, 10),
                new KernelStats("rope", "cpu", 0, 4, -1)),
                List.of(new Fallback("cuda", "cpu-simd", "CUDA_DRIVER_MISSING", "no libcuda")), false, 7);
        ObjectNode receipt = ReceiptAssembler.assemble(new TestRun("[engine:x]/[method:m()]", "com.acme.T", "m", "m()",
                true, "passed", null, true, "cuda", true, 0, "", "default", observations, List.of(), Map.of(),
                Instant.parse("2026-11-23T10:00:00.123456Z")));

        assertThat(receipt.path("timestamp").asText()).isEqualTo("2026-11-23T10:00:00.123Z");
        assertThat(receipt.path("kernels").toString()).isEqualTo("[\"matmul\",\"softmax\"]");
        assertThat(receipt.path("kernel_stats")).hasSize(4);
        assertThat(receipt.path("kernel_stats").get(1).path("nanos").asLong()).isEqualTo(1500);
        assertThat(receipt.path("fallbacks").get(0).path("reason_code").asText()).isEqualTo("CUDA_DRIVER_MISSING");
        assertThat(receipt.path("recorder").path("active").asBoolean()).isFalse();
        assertThat(receipt.path("recorder").path("unattributed_calls").asLong()).isEqualTo(7);
        assertThat(receipt.path("claims").path("backend").asText()).isEqualTo("cuda");
        assertThat(receipt.path("backend").asText()).isEqualTo("cpu-simd");
        assertThat(receipt.has("parity")).isFalse();
        assertThat(receipt.path("kernel_stats").get(1).has("timed_calls")).as("every call timed").isFalse();
    }

    @Test
    void sampledTimingSaysHowManyCallsTheNanosCover() {
        KernelObservations observations = new KernelObservations(List.of(
                new KernelStats("matmul", "cpu-simd", 60, 4, 2_000, List.of(), 4),
                new KernelStats("softmax", "cpu", 8, 0, 900, List.of(), 8)), List.of(), true, 0);
        ObjectNode receipt = ReceiptAssembler.assemble(new TestRun("[engine:x]/[method:m()]", "com.acme.T", "m", "m()",
                true, "passed", null, true, "cpu-simd", true, 0, "", "default", observations, List.of(), Map.of(),
                Instant.parse("2026-11-23T10:00:00Z")));

        assertThat(receipt.path("kernel_stats").get(0).path("nanos").asLong()).isEqualTo(2_000);
        assertThat(receipt.path("kernel_stats").get(0).path("timed_calls").asLong()).isEqualTo(4);
        assertThat(receipt.path("kernel_stats").get(1).has("timed_calls")).as("all 8 calls timed").isFalse();
    }

    @Test
    void observationsWithImpossibleTimedCallsAreRejected() {
        assertThatThrownBy(() -> new KernelStats("matmul", "cpu", 2, 1, 100, List.of(), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel 'matmul': timedCalls 4 must be between 0 and calls + failedCalls (3)");
        assertThatThrownBy(() -> new KernelStats("matmul", "cpu", 2, 1, -1, List.of(), 1))
                .hasMessageContaining("0 when not timed");
    }
}
