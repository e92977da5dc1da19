package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/** Plain Java loops that only say what they run on: no Vector API, no native code, no device launch. */
public final class ClaimedKernels {

    private ClaimedKernels() {
    }

    /** Says SIMD (rule HC029). */
    @Kernel(id = "matmul_f32_claimed_simd", backend = Backend.CPU_SIMD)
    public static float claimedSimd() {
        return dot();
    }

    /** Says CUDA (rules HC029, HC030). */
    @Kernel(id = "cuda_claimed_matmul", backend = Backend.CUDA)
    public static float claimedCuda() {
        return dot();
    }

    private static float dot() {
        float s = 0;
        for (int i = 1; i <= 16; i++) {
            s += 1f / i;
        }
        return s;
    }
}
