package dev.honestcompute.docs.samples;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims and kernel requirements in docs/receipts.md: what a test claims is checked, never trusted. */
class ClaimsSample {

    /** A Q8_0 dot product: 32 int8 quants times one scale, as ggml's Q8_0 blocks store them. */
    static final class Q8Dot {
        @Kernel(id = "dot_q8_0", backend = Backend.CPU)
        static float dot(byte[] quants, float scale, float[] x) {
            float sum = 0;
            for (int i = 0; i < quants.length; i++) {
                sum += quants[i] * x[i];
            }
            return scale * sum;
        }
    }

    // tag::requires[]
    /** A kernel that executes AVX2 and FMA instructions (e.g. a native GEMM) says so. */
    static final class NativeGemm {
        @Kernel(id = "gemm_f32_avx2", backend = Backend.CPU_SIMD, requires = {"avx2", "fma"})
        static void gemm(float[] a, float[] b, float[] c, int n) {
            // calls into a library compiled with -mavx2 -mfma
        }
    }
    // end::requires[]

    // tag::claims[]
    @Test
    @EmitsReceipt(backend = "cpu", quantization = "q8_0")   // HC020: a kernel whose id contains q8_0 must run
    void quantizedDotRunsOnTheCpu() {
        byte[] quants = {1, 2, 3};
        float[] x = {4, 5, 6};

        assertThat(Q8Dot.dot(quants, 0.5f, x)).isEqualTo(16f);
        // the receipt says "claims": {"backend": "cpu", "quantization": "q8_0", ...} and "kernels": ["dot_q8_0"]
    }
    // end::claims[]
}
