package com.example;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

public final class Scalar {

    private Scalar() {
    }

    @Kernel(id = "sum_f32", backend = Backend.CPU)
    public static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
