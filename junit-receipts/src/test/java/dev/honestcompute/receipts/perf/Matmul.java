package dev.honestcompute.receipts.perf;

import java.util.SplittableRandom;

/** Test workload: a real n×n float matrix multiply (naive ikj loop); returns the rows it produced. */
final class Matmul {

    private final int n;
    private final float[] a;
    private final float[] b;
    private float checksum;

    Matmul(int n, long seed) {
        this.n = n;
        SplittableRandom random = new SplittableRandom(seed);
        a = new float[n * n];
        b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
    }

    /** Multiplies once; returns n (rows produced). The checksum keeps the JIT from dropping the work. */
    long multiply() {
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++) {
            row(a, b, c, n, i);
        }
        checksum += c[n * n - 1];
        return n;
    }

    /** Multiplies, reporting each finished row to {@code perRow}. */
    void multiplyStreaming(Runnable perRow) {
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++) {
            row(a, b, c, n, i);
            perRow.run();
        }
        checksum += c[n * n - 1];
    }

    /** One output row: the kernel the recorder observes. */
    @dev.honestcompute.recorder.Kernel(id = "perf_test.matmul_row", backend = "cpu")
    static void row(float[] a, float[] b, float[] c, int n, int i) {
        for (int k = 0; k < n; k++) {
            float aik = a[i * n + k];
            for (int j = 0; j < n; j++) {
                c[i * n + j] += aik * b[k * n + j];
            }
        }
    }

    float checksum() {
        return checksum;
    }
}
