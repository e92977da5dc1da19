package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;

/** Plain-Java reference kernels. Each method is one recorded kernel; none calls another. */
final class ScalarKernels {

    private ScalarKernels() {
    }

    @Kernel(id = "matmul_f32", backend = Backend.CPU)
    static void matmul(float[] w, int rows, int cols, float[] x, float[] out) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float sum = 0f;
            for (int c = 0; c < cols; c++) {
                sum += w[base + c] * x[c];
            }
            out[r] = sum;
        }
    }

    @Kernel(id = "rmsnorm_f32", backend = Backend.CPU)
    static void rmsnorm(float[] x, float[] weight, float eps, float[] out) {
        float ss = 0f;
        for (float v : x) {
            ss += v * v;
        }
        float scale = (float) (1.0 / Math.sqrt(ss / x.length + eps));
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale * weight[i];
        }
    }

    @Kernel(id = "softmax_f32", backend = Backend.CPU)
    static void softmax(float[] x, int len) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, x[i]);
        }
        float sum = 0f;
        for (int i = 0; i < len; i++) {
            x[i] = (float) Math.exp(x[i] - max);
            sum += x[i];
        }
        float inv = 1f / sum;
        for (int i = 0; i < len; i++) {
            x[i] *= inv;
        }
    }

    @Kernel(id = "attention_scores_f32", backend = Backend.CPU)
    static void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions, int headDim,
                                float scale, float[] scores) {
        for (int t = 0; t < positions; t++) {
            int k = t * stride + kvOff;
            float dot = 0f;
            for (int d = 0; d < headDim; d++) {
                dot += q[qOff + d] * keys[k + d];
            }
            scores[t] = dot * scale;
        }
    }

    @Kernel(id = "attention_values_f32", backend = Backend.CPU)
    static void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions, int headDim,
                                float[] out, int outOff) {
        for (int d = 0; d < headDim; d++) {
            out[outOff + d] = 0f;
        }
        for (int t = 0; t < positions; t++) {
            int v = t * stride + kvOff;
            float a = weights[t];
            for (int d = 0; d < headDim; d++) {
                out[outOff + d] += a * values[v + d];
            }
        }
    }

    /**
     * Rotary embedding in HF's rotate-half layout on {@code heads} heads of {@code x}, with precomputed
     * {@code cos/sin[i]} for this position ({@code i < headDim/2}).
     */
    @Kernel(id = "rope_f32", backend = Backend.CPU)
    static void rope(float[] x, int heads, int headDim, float[] cos, float[] sin, int tableOff) {
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            int base = h * headDim;
            for (int i = 0; i < half; i++) {
                float x0 = x[base + i];
                float x1 = x[base + i + half];
                float c = cos[tableOff + i];
                float s = sin[tableOff + i];
                x[base + i] = x0 * c - x1 * s;
                x[base + i + half] = x1 * c + x0 * s;
            }
        }
    }

    /** {@code gate = silu(gate) * up}. */
    @Kernel(id = "swiglu_f32", backend = Backend.CPU)
    static void swiglu(float[] gate, float[] up) {
        for (int i = 0; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = (float) (g / (1.0 + Math.exp(-g))) * up[i];
        }
    }

    /** {@code acc += x} (residual connection). */
    @Kernel(id = "add_f32", backend = Backend.CPU)
    static void add(float[] acc, float[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }
}
