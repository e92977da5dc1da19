package dev.honestcompute.receipts.selfattach;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Run only inside EngineTestKit by {@link SelfAttachReceiptIT}, in a JVM started without {@code -javaagent}. */
final class SelfAttachTestCases {

    private SelfAttachTestCases() {
    }

    /** An annotated kernel: the agent instruments it once it is attached. */
    static final class AnnotatedDot {
        @Kernel(id = "selfattach.dot_f32", backend = Backend.CPU)
        static float dot(float[] a, float[] b) {
            float sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }
    }

    /** A "third-party" kernel without annotations: only a kernels config maps it to an id. */
    static final class ThirdPartyAxpy {
        static void axpy(float alpha, float[] x, float[] y) {
            for (int i = 0; i < x.length; i++) {
                y[i] += alpha * x[i];
            }
        }
    }

    static class DotOnTheCpu {
        @Test
        @EmitsReceipt(backend = "cpu")
        void dot() {
            assertThat(AnnotatedDot.dot(new float[] {1, 2, 3}, new float[] {4, 5, 6})).isEqualTo(32f);
        }
    }

    static class ConfiguredAxpy {
        @Test
        @EmitsReceipt(backend = "cpu")
        void axpy() {
            float[] y = {1, 1};
            ThirdPartyAxpy.axpy(2f, new float[] {1, 2}, y);
            assertThat(y).containsExactly(3f, 5f);
        }
    }
}
