package dev.honestcompute.examples.engine;

import dev.honestcompute.fixtures.generator.Q8_0;

/**
 * One weight matrix in row-major {@code [rows, cols]} layout (HF's {@code [out, in]}), kept as F32 and, when a
 * backend asks for it, as ggml Q8_0 blocks (per row: {@code cols/32} blocks of an f16 scale and 32 int8 quants).
 */
public final class WeightMatrix {

    private final String name;
    private final int rows;
    private final int cols;
    private final float[] values;
    private volatile byte[] q8_0;

    WeightMatrix(String name, int rows, int cols, float[] values, byte[] q8_0) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values do not fill " + rows + "x" + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        this.q8_0 = q8_0;
    }

    /** The tensor name this matrix was loaded from. */
    public String name() {
        return name;
    }

    /** Output size. */
    public int rows() {
        return rows;
    }

    /** Input size. */
    public int cols() {
        return cols;
    }

    /** Row-major F32 values (for Q8_0 files: the exact dequantized values). Not copied: do not modify. */
    float[] values() {
        return values;
    }

    /** The Q8_0 blocks if the matrix came from a Q8_0 file or was already quantized, else {@code null}. */
    byte[] q8_0IfPresent() {
        return q8_0;
    }

    /** The Q8_0 blocks of this matrix, quantized like ggml's {@code quantize_row_q8_0_ref} on first use. */
    byte[] q8_0() {
        byte[] q = q8_0;
        if (q == null) {
            if (cols % Q8_0.BLOCK != 0) {
                throw new IllegalStateException("tensor " + name + " has " + cols + " columns; Q8_0 needs a multiple of "
                        + Q8_0.BLOCK + ". Use the F32 backends for this model.");
            }
            q = Q8_0.quantize(values);
            q8_0 = q;
        }
        return q;
    }
}
