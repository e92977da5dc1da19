package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/**
 * A {@code cpu-simd} kernel whose class goes through native code (a JNI method), which is what backs a SIMD claim
 * when the Vector API is not used; the native method itself is never called here.
 */
public class NativeToyKernels {

    @Kernel(id = "native_toy.dot", backend = Backend.CPU_SIMD)
    public static float dot(float[] a, float[] b) {
        if (a.length < 0) {
            dotNative(a, b); // never reached: the class merely declares its native path
        }
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static native float dotNative(float[] a, float[] b);
}
