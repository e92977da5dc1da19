package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.MockCompute;

/** A test double of {@link ToyKernels#dot}: returns zero without computing anything. */
@MockCompute("returns 0 instead of computing the dot product")
public class ZeroDot {

    public float dot(float[] a, float[] b) {
        return 0f;
    }
}
