package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/** A tiny engine whose kernels carry {@link Kernel}; the agent instruments them at class load. */
public class ToyKernels {

    @Kernel(id = "toy.dot", backend = Backend.CPU_SIMD, requires = {"avx2"})
    public float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Kernel(id = "toy.checked_dot")
    public float checkedDot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch " + a.length + " vs " + b.length);
        }
        return dot(a, b);
    }

    /** An FFM/JNI-style launch wrapper: returns the driver's status code, 0 meaning success. */
    @Kernel(id = "toy.launch", backend = Backend.CUDA, success = Kernel.Success.RETURNED_ZERO)
    public static int launch(int driverStatus) {
        return driverStatus;
    }

    /** Not a kernel: never shows up in observations. */
    public float notAKernel(float x) {
        return x * 2;
    }
}
