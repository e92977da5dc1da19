package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/**
 * Matmul over ggml Q8_0 weights: each row is {@code cols/32} blocks of 34 bytes, a little-endian f16 scale
 * {@code d} then 32 int8 quants {@code q}; the weight is {@code d * q}. Activations stay F32.
 *
 * <p>No {@code requires} is declared: this is plain Java (the f16 scale goes through {@link Float#float16ToFloat},
 * which the JIT intrinsifies with F16C where the CPU has it and computes in software where it does not), so it runs on
 * any CPU. A receipt test claims the quantization instead: {@code @EmitsReceipt(quantization = "q8_0")}.
 */
final class Q8_0Kernels {

    static final int BLOCK = 32;
    static final int BLOCK_BYTES = 34;

    private Q8_0Kernels() {
    }

    @Kernel(id = "matmul_q8_0", backend = Backend.CPU)
    static void matmul(byte[] blocks, int rows, int cols, float[] x, float[] out) {
        int blocksPerRow = cols / BLOCK;
        for (int r = 0; r < rows; r++) {
            int at = r * blocksPerRow * BLOCK_BYTES;
            float sum = 0f;
            for (int b = 0; b < blocksPerRow; b++, at += BLOCK_BYTES) {
                float d = Float.float16ToFloat((short) ((blocks[at] & 0xff) | (blocks[at + 1] << 8)));
                int c0 = b * BLOCK;
                float blockSum = 0f;
                for (int i = 0; i < BLOCK; i++) {
                    blockSum += blocks[at + 2 + i] * x[c0 + i];
                }
                sum += d * blockSum;
            }
            out[r] = sum;
        }
    }
}
