package dev.honestcompute.recorder.it;

/**
 * Stands in for a third-party engine: no annotations, instrumented only through {@code it-kernels.json}. Shaped like
 * Jlama's operations: plain methods, an abstract tile kernel overridden by inner classes, and an inherited method.
 */
public final class ThirdPartyOps {

    private ThirdPartyOps() {
    }

    public static float dotF32(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static void dotQ8(byte[] a, byte[] b, int[] out) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        out[0] = s;
    }

    public static float helper(float x) {
        return x + 1;
    }

    /** Like Jlama's {@code Gemmer}: the abstract {@code kernel} is overridden by inner classes. */
    public abstract static class Gemmer {
        public abstract void kernel(float[] a, float[] b, float[] c);
    }

    public static final class GemmerF32 extends Gemmer {
        @Override
        public void kernel(float[] a, float[] b, float[] c) {
            c[0] = dotF32(a, b);
        }
    }

    public static final class GemmerBF16 extends Gemmer {
        @Override
        public void kernel(float[] a, float[] b, float[] c) {
            c[0] = dotF32(a, b) * 0.5f;
        }
    }

    /** A concrete method inherited, not overridden, by subclasses: the id names the runtime class. */
    public static class Activation {
        public float apply(float x) {
            return Math.max(0, x);
        }
    }

    public static final class Relu extends Activation {
    }

    public static final class LeakyRelu extends Activation {
    }
}
