package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels on {@link FloatVector#SPECIES_PREFERRED} (8 lanes with AVX2, 16 with AVX-512). No
 * {@code requires} is declared: the preferred species adapts to the host, so these run on any CPU the JDK supports.
 */
final class SimdKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SimdKernels() {
    }

    /** Lanes per vector on this host. */
    static int lanes() {
        return S.length();
    }

    /**
     * Sums the lanes left to right. {@code reduceLanes(ADD)} may use a different order once C2 intrinsifies it than
     * in the interpreter, so the same input could give different bits before and after warm-up; a fixed order keeps
     * this backend bit-reproducible within a host.
     */
    private static float sumInLaneOrder(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float sum = 0f;
        for (float f : scratch) {
            sum += f;
        }
        return sum;
    }

    @Kernel(id = "matmul_f32_simd", backend = Backend.CPU_SIMD)
    static void matmul(float[] w, int rows, int cols, float[] x, float[] out) {
        int bound = S.loopBound(cols);
        float[] lanes = new float[S.length()];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            FloatVector acc = FloatVector.zero(S);
            int c = 0;
            for (; c < bound; c += S.length()) {
                acc = FloatVector.fromArray(S, w, base + c).fma(FloatVector.fromArray(S, x, c), acc);
            }
            float sum = sumInLaneOrder(acc, lanes);
            for (; c < cols; c++) {
                sum += w[base + c] * x[c];
            }
            out[r] = sum;
        }
    }

    @Kernel(id = "rmsnorm_f32_simd", backend = Backend.CPU_SIMD)
    static void rmsnorm(float[] x, float[] weight, float eps, float[] out) {
        int n = x.length;
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            acc = v.fma(v, acc);
        }
        float ss = sumInLaneOrder(acc, new float[S.length()]);
        for (; i < n; i++) {
            ss += x[i] * x[i];
        }
        float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
        i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(scale).mul(FloatVector.fromArray(S, weight, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] * scale * weight[i];
        }
    }

    /** Max and normalisation are vectorised; exp stays scalar {@link Math#exp}, whose
     * result does not depend on the JIT tier (the vector EXP may use another implementation once intrinsified). */
    @Kernel(id = "softmax_f32_simd", backend = Backend.CPU_SIMD)
    static void softmax(float[] x, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        float max = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += S.length()) {
                m = m.max(FloatVector.fromArray(S, x, i));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (; i < len; i++) {
            max = Math.max(max, x[i]);
        }
        float sum = 0f;
        i = 0;
        if (bound > 0) {
            for (; i < bound; i++) {
                x[i] = (float) Math.exp(x[i] - max);
                sum += x[i];
            }
        }
        for (; i < len; i++) {
            x[i] = (float) Math.exp(x[i] - max);
            sum += x[i];
        }
        float inv = 1f / sum;
        i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, i).mul(inv).intoArray(x, i);
        }
        for (; i < len; i++) {
            x[i] *= inv;
        }
    }

    @Kernel(id = "attention_scores_f32_simd", backend = Backend.CPU_SIMD)
    static void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions, int headDim,
                                float scale, float[] scores) {
        int bound = S.loopBound(headDim);
        float[] lanes = new float[S.length()];
        for (int t = 0; t < positions; t++) {
            int k = t * stride + kvOff;
            FloatVector acc = FloatVector.zero(S);
            int d = 0;
            for (; d < bound; d += S.length()) {
                acc = FloatVector.fromArray(S, q, qOff + d).fma(FloatVector.fromArray(S, keys, k + d), acc);
            }
            float dot = sumInLaneOrder(acc, lanes);
            for (; d < headDim; d++) {
                dot += q[qOff + d] * keys[k + d];
            }
            scores[t] = dot * scale;
        }
    }

    @Kernel(id = "attention_values_f32_simd", backend = Backend.CPU_SIMD)
    static void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions, int headDim,
                                float[] out, int outOff) {
        int bound = S.loopBound(headDim);
        int d = 0;
        for (; d < bound; d += S.length()) {
            FloatVector acc = FloatVector.zero(S);
            for (int t = 0; t < positions; t++) {
                acc = FloatVector.fromArray(S, values, t * stride + kvOff + d)
                        .fma(FloatVector.broadcast(S, weights[t]), acc);
            }
            acc.intoArray(out, outOff + d);
        }
        for (; d < headDim; d++) {
            float sum = 0f;
            for (int t = 0; t < positions; t++) {
                sum += weights[t] * values[t * stride + kvOff + d];
            }
            out[outOff + d] = sum;
        }
    }
}
