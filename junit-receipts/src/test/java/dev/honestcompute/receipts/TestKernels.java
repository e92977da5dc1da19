package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/**
 * Real {@code @Kernel} methods for the tests of this module, which run with the recorder agent loaded
 * ({@code -javaagent}, see the pom): every observation in their receipts comes from the agent's instrumentation of
 * these methods, exactly as for a user's engine.
 */
public final class TestKernels {

    private TestKernels() {
    }

    private static float work(int n) {
        float s = 0;
        for (int i = 1; i <= n; i++) {
            s += 1f / i;
        }
        return s;
    }

    /** One call of a scalar CPU kernel. */
    @Kernel(id = "matmul_f32", backend = Backend.CPU)
    public static float matmul() {
        return work(16);
    }

    /** A scalar CPU kernel call that throws: a failed call. */
    @Kernel(id = "matmul_f32", backend = Backend.CPU)
    public static float matmulThatFails() {
        throw new IllegalStateException("matmul_f32: shape mismatch (a failing kernel for the test)");
    }

    /** A SIMD kernel: its class goes through native code (see {@link #simdNative}), which backs the claim. */
    @Kernel(id = "matmul_f32_simd", backend = Backend.CPU_SIMD)
    public static float matmulSimd() {
        return work(16);
    }

    @Kernel(id = "rmsnorm_f32", backend = Backend.CPU)
    public static float rmsnorm() {
        return work(8);
    }

    @Kernel(id = "softmax_f32", backend = Backend.CPU)
    public static float softmax() {
        return work(8);
    }

    @Kernel(id = "matmul_q8_0", backend = Backend.CPU)
    public static float matmulQ8() {
        return work(16);
    }

    /** A BitNet.rs-style I2_S kernel id. */
    @Kernel(id = "i2s_gemv", backend = Backend.CPU)
    public static float i2sGemv() {
        return work(16);
    }

    /** A kernel whose id contains "mock" (rule HC011). */
    @Kernel(id = "mock_matmul", backend = Backend.CPU)
    public static float mockMatmul() {
        return work(4);
    }

    /** SSE2 is on every x86-64 host (and spelled in upper case here: requirements are case-insensitive). */
    @Kernel(id = "gemm_f32_host", backend = Backend.CPU_SIMD, requires = {"SSE2"})
    public static float gemmOnThisHost() {
        return work(16);
    }

    /** A CPU feature no host has. */
    @Kernel(id = "gemm_f32_avx1024", backend = Backend.CPU_SIMD, requires = {"avx1024f"})
    public static float gemmNoHostHas() {
        return work(16);
    }

    /** Seven kernels with distinct ids, for tests that need many. */
    @Kernel(id = "kernel_0") public static float k0() { return work(2); }
    @Kernel(id = "kernel_1") public static float k1() { return work(2); }
    @Kernel(id = "kernel_2") public static float k2() { return work(2); }
    @Kernel(id = "kernel_3") public static float k3() { return work(2); }
    @Kernel(id = "kernel_4") public static float k4() { return work(2); }
    @Kernel(id = "kernel_5") public static float k5() { return work(2); }
    @Kernel(id = "kernel_6") public static float k6() { return work(2); }

    /** Runs kernel {@code kernel_<index % 7>}. */
    public static float numbered(int index) {
        switch (index % 7) {
            case 0: return k0();
            case 1: return k1();
            case 2: return k2();
            case 3: return k3();
            case 4: return k4();
            case 5: return k5();
            default: return k6();
        }
    }

    /** Declared, never called: a class with a native path backs its cpu-simd kernels. */
    private static native void simdNative();
}
