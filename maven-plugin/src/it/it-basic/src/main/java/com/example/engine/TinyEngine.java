package com.example.engine;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/** A tiny engine: two CPU kernels, annotated for the recorder (kernel-recorder at provided scope). */
public final class TinyEngine {

    private TinyEngine() {
    }

    @Kernel(id = "dot_f32", backend = Backend.CPU)
    public static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Kernel(id = "matmul_f32", backend = Backend.CPU)
    public static float[] matmul(float[] w, float[] x, int n) {
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            float s = 0;
            for (int c = 0; c < n; c++) {
                s += w[r * n + c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }
}
