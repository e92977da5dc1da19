package dev.honestcompute.docs.samples;

// tag::setup[]
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SetupSample {

    /** Engine code, in src/main/java: @Kernel is all it needs (kernel-recorder at provided scope). */
    static final class Scale {
        @Kernel(id = "scale_f32", backend = Backend.CPU)
        static float[] scale(float[] x, float k) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * k;
            }
            return y;
        }
    }

    @Test
    @EmitsReceipt(backend = "cpu")
    void scalesOnTheCpu() {
        assertArrayEquals(new float[] {2, 4}, Scale.scale(new float[] {1, 2}, 2));
        // target/receipts/<class>/scalesOnTheCpu.json lists "scale_f32", observed by the agent
    }
}
// end::setup[]
