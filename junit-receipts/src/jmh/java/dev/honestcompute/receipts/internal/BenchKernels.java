package dev.honestcompute.receipts.internal;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/**
 * The {@code @Kernel} methods whose observed calls fill the benchmark's receipt: the recorder agent
 * ({@code -javaagent}, set by this module's {@code benchmarks} profile) instruments them like a user's engine.
 */
final class BenchKernels {

    private BenchKernels() {
    }

    private static float work(int n) {
        float s = 0;
        for (int i = 1; i <= n; i++) {
            s += 1f / i;
        }
        return s;
    }

    @Kernel(id = "attention_f32", backend = Backend.CPU)
    static float attention() {
        return work(32);
    }

    @Kernel(id = "matmul_f32", backend = Backend.CPU)
    static float matmul() {
        return work(64);
    }

    @Kernel(id = "rmsnorm_f32", backend = Backend.CPU)
    static float rmsnorm() {
        return work(8);
    }

    @Kernel(id = "softmax_f32", backend = Backend.CPU)
    static float softmax() {
        return work(8);
    }

    /** One "forward pass" of a 48-layer toy: the call mix of a small decoder. */
    static float forward() {
        float s = 0;
        for (int layer = 0; layer < 48; layer++) {
            s += attention() + matmul() + matmul() + rmsnorm() + softmax();
        }
        return s + rmsnorm();
    }
}
