package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Engines whose kernels the recorder cannot see, run by {@link MissingKernelsTest} inside EngineTestKit: a
 * {@code @Kernel} on an abstract method (annotations are not inherited), and a "third-party" kernel that only a kernels
 * config could name.
 */
final class MissingKernelsTestCases {

    private MissingKernelsTestCases() {
    }

    /** The annotation sits on the abstract method, so the implementation is not a kernel. */
    abstract static class AnnotatedAbstractGemm {
        @Kernel(id = "hints.abstract_gemm", backend = Backend.CPU)
        abstract float gemm(float[] a);
    }

    static final class PlainGemm extends AnnotatedAbstractGemm {
        @Override
        float gemm(float[] a) {
            float s = 0;
            for (float v : a) {
                s += v * v;
            }
            return s;
        }
    }

    static class KernelOnAnAbstractMethod {
        @Test
        @EmitsReceipt
        void runsTheImplementation() {
            new PlainGemm().gemm(new float[] {1, 2, 3});
        }
    }

    /** A third-party kernel without annotations; its kernels config has a typo (in {@link MissingKernelsTest}). */
    static final class ThirdPartyScale {
        static float scale(float[] x, float by) {
            float s = 0;
            for (float v : x) {
                s += v * by;
            }
            return s;
        }
    }

    static class MistypedThirdPartyKernel {
        @Test
        @EmitsReceipt
        void scales() {
            ThirdPartyScale.scale(new float[] {1, 2, 3}, 2f);
        }
    }

    /** Another third-party kernel, configured correctly (a class of its own: an agent keeps its entries). */
    static final class ThirdPartyShift {
        static float shift(float[] x, float by) {
            float s = 0;
            for (float v : x) {
                s += v + by;
            }
            return s;
        }
    }

    static class ConfiguredThirdPartyKernel {
        @Test
        @EmitsReceipt
        void shifts() {
            ThirdPartyShift.shift(new float[] {1, 2, 3}, 2f);
        }
    }
}
