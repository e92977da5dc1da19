package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/** A plain Java loop that only says it is a CUDA kernel: no device launch happens inside it. */
public class GpuToyKernels {

    @Kernel(id = "gpu_toy.claimed_matmul", backend = Backend.CUDA)
    public static void claimedMatmul(float[] a, float[] b, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
    }
}
