package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.TestKernels;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receipt's JSON from a run: observations come from a real window over real (instrumented) kernels. */
class ReceiptAssemblerTest {

    private static final String ID = "[engine:x]/[method:m()]";

    private static KernelStats ran(String id, String backend) {
        return new KernelStats(id, backend, 3, 0, -1, List.of(), 0);
    }

    private static TestRun run(KernelObservations observations, String requestedBackend) {
        return new TestRun(ID, "com.acme.T", "m", "m()", true, "passed", null, true, requestedBackend, true, 0, "",
                false, "default", observations, true, List.of(), Map.of(), Map.of(),
                Instant.parse("2026-11-23T10:00:00.123456Z"));
    }

    @Test
    void theObservedBackendPrefersGpuThenSimdThenScalarAmongKernelsThatRan() {
        assertThat(ReceiptAssembler.observedBackend(List.of(ran("a", "cpu"), ran("b", "cpu-simd"), ran("c", "cuda"))))
                .isEqualTo("cuda");
        assertThat(ReceiptAssembler.observedBackend(List.of(ran("a", "cpu"), ran("b", "cpu-simd"))))
                .isEqualTo("cpu-simd");
        assertThat(ReceiptAssembler.observedBackend(List.of(ran("a", "cpu")))).isEqualTo("cpu");
        assertThat(ReceiptAssembler.observedBackend(List.of())).isEqualTo("none");
        // A GPU kernel that only failed did not run: it does not make the receipt a GPU receipt.
        assertThat(ReceiptAssembler.observedBackend(List.of(ran("a", "cpu"),
                new KernelStats("g", "cuda", 0, 2, -1, List.of(), 0)))).isEqualTo("cpu");
    }

    @Test
    void kernelsAreSortedUniqueIdsThatRanAndStatsKeepEveryObservation() {
        KernelObservations observations;
        try (KernelWindow window = KernelRecorder.openWindow(ID, true)) {
            TestKernels.softmax();
            TestKernels.matmulSimd();
            TestKernels.matmulSimd();
            TestKernels.matmul();
            try {
                TestKernels.matmulThatFails();
            } catch (IllegalStateException expected) {
                // a failed call of matmul_f32
            }
            KernelRecorder.fallback("cuda", "cpu-simd", "CUDA_DRIVER_MISSING", "no libcuda");
            window.close();
            observations = window.observations();
        }
        ObjectNode receipt = ReceiptAssembler.assemble(run(observations, "cuda"));

        assertThat(receipt.path("timestamp").asText()).isEqualTo("2026-11-23T10:00:00.123Z");
        assertThat(receipt.path("kernels").toString())
                .isEqualTo("[\"matmul_f32\",\"matmul_f32_simd\",\"softmax_f32\"]");
        assertThat(receipt.path("kernel_stats")).hasSize(3);
        assertThat(receipt.path("kernel_stats").get(0).path("calls").asLong()).isEqualTo(1);
        assertThat(receipt.path("kernel_stats").get(0).path("failed_calls").asLong()).isEqualTo(1);
        assertThat(receipt.path("kernel_stats").get(1).path("calls").asLong()).isEqualTo(2);
        assertThat(receipt.path("kernel_stats").get(1).path("source").asText()).isEqualTo("agent");
        assertThat(receipt.path("kernel_stats").get(1).has("unverified")).as("its class has a native path").isFalse();
        assertThat(receipt.path("fallbacks").get(0).path("reason_code").asText()).isEqualTo("CUDA_DRIVER_MISSING");
        assertThat(receipt.path("recorder").path("active").asBoolean()).isTrue();
        assertThat(receipt.path("recorder").path("background_calls").asLong()).isZero();
        assertThat(receipt.path("recorder").path("mock_leaks")).isEmpty();
        assertThat(receipt.path("recorder").path("forgeries")).isEmpty();
        assertThat(receipt.path("claims").path("backend").asText()).isEqualTo("cuda");
        assertThat(receipt.path("backend").asText()).isEqualTo("cpu-simd");
        assertThat(receipt.has("parity")).isFalse();
        assertThat(receipt.has("notes")).isFalse();
    }

    @Test
    void aTestWhoseBodyNeverRanHasAnEmptyObservationRecord() {
        ObjectNode receipt = ReceiptAssembler.assemble(run(null, ""));
        assertThat(receipt.path("kernels")).isEmpty();
        assertThat(receipt.path("kernel_stats")).isEmpty();
        assertThat(receipt.path("backend").asText()).isEqualTo("none");
        assertThat(receipt.path("recorder").path("active").asBoolean()).isTrue();
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
