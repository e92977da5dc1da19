package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;

/** {@link ComputeBackend#parallelSimd()}: the SIMD backend with matmul rows spread over the ForkJoin common pool. */
final class ParallelSimdBackend implements ComputeBackend {

    static final ParallelSimdBackend INSTANCE = new ParallelSimdBackend();

    private ParallelSimdBackend() {
    }

    @Override
    public String name() {
        return "parallel-simd";
    }

    @Override
    public String effectiveBackend() {
        return Backend.CPU_SIMD;
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, float[] out) {
        ParallelKernels.matmul(w.values(), w.rows(), w.cols(), x, out);
    }

    @Override
    public void rmsnorm(float[] x, float[] weight, float eps, float[] out) {
        SimdKernels.rmsnorm(x, weight, eps, out);
    }

    @Override
    public void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions, int headDim,
                                float scale, float[] scores) {
        SimdKernels.attentionScores(q, qOff, keys, kvOff, stride, positions, headDim, scale, scores);
    }

    @Override
    public void softmax(float[] x, int len) {
        SimdKernels.softmax(x, len);
    }

    @Override
    public void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions, int headDim,
                                float[] out, int outOff) {
        SimdKernels.attentionValues(weights, values, kvOff, stride, positions, headDim, out, outOff);
    }

    @Override
    public String toString() {
        return name();
    }
}
