package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The multi-threaded path: a matmul split into blocks of {@value #BLOCK_ROWS} rows that run on the ForkJoin common
 * pool (a parallel stream). Each block is one kernel call, on whichever pool thread runs it: the recorder attributes
 * it to the test that submitted the stream through context propagation, with no change to this code.
 */
final class ParallelKernels {

    /** Rows per block: one kernel call. */
    static final int BLOCK_ROWS = 16;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ParallelKernels() {
    }

    /** Blocks a matmul of {@code rows} rows is split into: the kernel calls it makes. */
    static int blocks(int rows) {
        return (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    }

    static void matmul(float[] w, int rows, int cols, float[] x, float[] out) {
        java.util.stream.IntStream.range(0, blocks(rows)).parallel()
                .forEach(b -> matmulRows(w, b * BLOCK_ROWS, Math.min(rows, (b + 1) * BLOCK_ROWS), cols, x, out));
    }

    /** Rows {@code [from, to)} of {@code out = w x}, Vector API, lanes summed in order (bit-identical to SIMD). */
    @Kernel(id = "matmul_f32_simd_rows", backend = Backend.CPU_SIMD)
    static void matmulRows(float[] w, int from, int to, int cols, float[] x, float[] out) {
        int bound = S.loopBound(cols);
        float[] lanes = new float[S.length()];
        for (int r = from; r < to; r++) {
            int base = r * cols;
            FloatVector acc = FloatVector.zero(S);
            int c = 0;
            for (; c < bound; c += S.length()) {
                acc = FloatVector.fromArray(S, w, base + c).fma(FloatVector.fromArray(S, x, c), acc);
            }
            acc.intoArray(lanes, 0);
            float sum = 0f;
            for (float f : lanes) {
                sum += f;
            }
            for (; c < cols; c++) {
                sum += w[base + c] * x[c];
            }
            out[r] = sum;
        }
    }
}
