package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;

/** {@link ComputeBackend#scalar()}: the reference backend, every kernel in plain Java. */
class ScalarBackend implements ComputeBackend {

    static final ScalarBackend INSTANCE = new ScalarBackend();

    /** For backends that replace some kernels and keep the scalar ones for the rest ({@link Q8_0Backend}). */
    ScalarBackend() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String effectiveBackend() {
        return Backend.CPU;
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, float[] out) {
        ScalarKernels.matmul(w.values(), w.rows(), w.cols(), x, out);
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
