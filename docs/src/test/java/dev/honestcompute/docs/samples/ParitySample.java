package dev.honestcompute.docs.samples;

import dev.honestcompute.parity.ToleranceProfile;
import org.junit.jupiter.api.Test;

import static dev.honestcompute.parity.ParityAssertions.assertThatLogits;
import static dev.honestcompute.parity.ParityAssertions.assertThatTokens;

/** Samples for docs/parity.md. */
class ParitySample {

    // tag::logits[]
    @Test
    void simdLogitsMatchTheScalarReference() {
        float[] reference = {0.10f, -1.25f, 3.50f, 0.00f, 2.25f};
        float[] simd = {0.10000001f, -1.25f, 3.5000002f, 0.00f, 2.25f};

        assertThatLogits(simd).isCloseTo(reference, ToleranceProfile.FP32)
                .withCosineAtLeast(0.999)
                .withNmseAtMost(5e-4)
                .withSameArgmax();
    }
    // end::logits[]

    // tag::tokens[]
    @Test
    void greedyTokensAreIdentical() {
        assertThatTokens(new int[] {1, 300, 280, 317}).isSameSequenceAs(new int[] {1, 300, 280, 317});
    }
    // end::tokens[]
}
