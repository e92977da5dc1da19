package dev.honestcompute.examples.engine;

/** {@link ComputeBackend#q8_0()}: Q8_0 matmuls, the scalar kernels for everything else. */
final class Q8_0Backend extends ScalarBackend {

    static final Q8_0Backend INSTANCE = new Q8_0Backend();

    private Q8_0Backend() {
    }

    @Override
    public String name() {
        return "q8_0";
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, float[] out) {
        Q8_0Kernels.matmul(w.q8_0(), w.rows(), w.cols(), x, out);
    }
}
