package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;

/** {@link ComputeBackend#q8_0()}: Q8_0 matmuls, scalar everything else. */
final class Q8_0Backend implements ComputeBackend {

    static final Q8_0Backend INSTANCE = new Q8_0Backend();

    private Q8_0Backend() {
    }

    @Override
    public String name() {
        return "q8_0";
    }

    @Override
    public String effectiveBackend() {
        return Backend.CPU;
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, float[] out) {
        Q8_0Kernels.matmul(w.q8_0(), w.rows(), w.cols(), x, out);
    }

    @Override
    public void rmsnorm(float[] x, float[] weight, float eps, float[] out) {
        ScalarKernels.rmsnorm(x, weight, eps, out);
    }

    @Override
    public void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions, int headDim,
                                float scale, float[] scores) {
        ScalarKernels.attentionScores(q, qOff, keys, kvOff, stride, positions, headDim, scale, scores);
    }

    @Override
    public void softmax(float[] x, int len) {
        ScalarKernels.softmax(x, len);
    }

    @Override
    public void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions, int headDim,
                                float[] out, int outOff) {
        ScalarKernels.attentionValues(weights, values, kvOff, stride, positions, headDim, out, outOff);
    }

    @Override
    public String toString() {
        return name();
    }
}
