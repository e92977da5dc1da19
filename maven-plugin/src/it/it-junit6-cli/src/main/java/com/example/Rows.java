package com.example;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

public final class Rows {

    private Rows() {
    }

    @Kernel(id = "row_sums_f32", backend = Backend.CPU)
    public static float[] rowSums(float[] m, int n) {
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out[r] += m[r * n + c];
            }
        }
        return out;
    }
}
