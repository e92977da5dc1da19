package dev.honestcompute.docs.samples;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The quickstart of docs/README.md: a kernel, a production test, a receipt. */
class QuickstartSample {

    // tag::kernel[]
    /** Engine code: the annotation is all it needs (kernel-recorder at provided scope). */
    static final class DotProduct {
        @Kernel(id = "dot_f32", backend = Backend.CPU)
        static float dot(float[] a, float[] b) {
            float sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }
    }
    // end::kernel[]

    // tag::quickstart[]
    @Test
    @EmitsReceipt(backend = "cpu")
    void dotProductRunsOnTheCpu() {
        float[] a = {1, 2, 3};
        float[] b = {4, 5, 6};

        assertThat(DotProduct.dot(a, b)).isEqualTo(32f);
        // target/receipts/<class>/dotProductRunsOnTheCpu.json now lists "dot_f32", observed by the agent
    }
    // end::quickstart[]
}
