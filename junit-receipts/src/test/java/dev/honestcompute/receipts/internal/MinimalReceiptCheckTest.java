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

class MinimalReceiptCheckTest {

    private static ObjectNode receipt(boolean production, String status, String claim, boolean allowFallback,
                                      boolean active, List<Fallback> fallbacks, KernelStats... kernels) {
        return ReceiptAssembler.assemble(new TestRun("[engine:x]/[method:m()]", "com.acme.T", "m", "m()", true, status,
                null, production, claim, allowFallback, "default",
                new KernelObservations(List.of(kernels), fallbacks, active, 0), List.of(), Map.of(), Instant.now()));
    }

    private static List<String> rules(ObjectNode receipt) {
        return ReceiptCheck.active().check(receipt, "default").stream().map(ReceiptCheck.Violation::rule).toList();
    }

    private static KernelStats ran(String id, String backend) {
        return new KernelStats(id, backend, 1, 0, -1);
    }

    @Test
    void anHonestRealReceiptPasses() {
        assertThat(rules(receipt(true, "passed", "cpu-simd", false, true, List.of(), ran("matmul", "cpu-simd"))))
                .isEmpty();
    }

    @Test
    void eachRuleRejectsItsOwnLie() {
        assertThat(rules(receipt(true, "passed", "", false, false, List.of())))
                .containsExactly("recorder.inactive", "kernels.empty");
        assertThat(rules(receipt(true, "passed", "", false, true, List.of(), ran("mock_matmul", "cpu"))))
                .containsExactly("kernels.mock");
        assertThat(rules(receipt(true, "passed", "", false, true, List.of(), ran("MockGemm", "cpu"))))
                .containsExactly("kernels.mock");
        assertThat(rules(receipt(true, "failed", "", false, true, List.of(), ran("matmul", "cpu"))))
                .containsExactly("test.not_passed");
        List<Fallback> fellBack = List.of(new Fallback("cuda", "cpu", "CUDA_DRIVER_MISSING", ""));
        assertThat(rules(receipt(true, "passed", "cuda", false, true, fellBack, ran("matmul", "cpu"))))
                .containsExactly("fallback.unpermitted", "backend.claim");
        assertThat(rules(receipt(true, "passed", "cuda", true, true, fellBack, ran("matmul", "cpu")))).isEmpty();
        // A permitted fallback to one backend does not excuse running another.
        List<Fallback> toSimd = List.of(new Fallback("cuda", "cpu-simd", "CUDA_DRIVER_MISSING", ""));
        assertThat(rules(receipt(true, "passed", "cuda", true, true, toSimd, ran("matmul", "cpu"))))
                .containsExactly("backend.claim");
    }

    @Test
    void theRecorderInactiveMessageSaysHowToActivateIt() {
        assertThat(ReceiptCheck.active().check(receipt(true, "passed", "", false, false, List.of()), "default"))
                .first().satisfies(v -> assertThat(v.message()).contains("-javaagent"));
    }

    @Test
    void aDeclaredMockReceiptNeedsNoKernelsButStillNeedsAPassingTest() {
        assertThat(rules(receipt(false, "passed", "", false, false, List.of()))).isEmpty();
        assertThat(rules(receipt(false, "failed", "", false, false, List.of()))).containsExactly("test.not_passed");
    }
}
