package com.example.a;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

public final class Scale {

    private Scale() {
    }

    @Kernel(id = "scale_a", backend = Backend.CPU)
    public static float[] scale(float[] x, float k) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * k;
        }
        return y;
    }
}
