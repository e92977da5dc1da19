package dev.honestcompute.receipts;

import org.junit.jupiter.api.Test;

/** Tests run by {@link BitnetPolicyTest} inside the engine test kit, with BitNet.rs-style kernel ids. */
final class BitnetPolicyTestCases {

    private BitnetPolicyTestCases() {
    }

    /** The module's tests run with the recorder agent (see the pom): the kernels below are real @Kernel methods. */
    static class WithAgent {
    }

    /** A CPU run of an I2_S kernel: BitNet.rs accepts it; the policy comes from the configuration parameter. */
    static class QuantizedCpuCase extends WithAgent {
        @Test
        @EmitsReceipt
        void gemv() {
            TestKernels.i2sGemv();
        }
    }

    /** A CPU run of an FP32 matmul only: BitNet.rs's CPU rule rejects it, naming matmul_f32 a fallback. */
    static class Fp32CpuCase extends WithAgent {
        @Test
        @EmitsReceipt(policy = "bitnet")
        void matmul() {
            TestKernels.matmul();
        }
    }

    /** A cpu-simd run: BitNet.rs checks only the cpu and cuda backends, and matmul_f32_simd is no fallback id. */
    static class SimdCase extends WithAgent {
        @Test
        @EmitsReceipt(policy = "bitnet")
        void matmul() {
            TestKernels.matmulSimd();
        }
    }
}
