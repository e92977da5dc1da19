package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.KernelRecorder;

/**
 * {@link ComputeBackend#cuda()}: matmuls on the GPU, the other steps on the SIMD backend. When CUDA cannot be set
 * up, every matmul runs on SIMD and each sequence start reports
 * {@code KernelRecorder.fallback("cuda", "cpu-simd", reasonCode, detail)}.
 */
final class CudaBackend implements ComputeBackend {

    private final CudaMatmul gpu;
    private final String reasonCode;
    private final String detail;
    private final SimdBackend cpu = SimdBackend.INSTANCE;

    private CudaBackend(CudaMatmul gpu, String reasonCode, String detail) {
        this.gpu = gpu;
        this.reasonCode = reasonCode;
        this.detail = detail;
    }

    static CudaBackend create() {
        try {
            return new CudaBackend(CudaMatmul.open(), null, null);
        } catch (CudaUnavailableException e) {
            return new CudaBackend(null, e.reasonCode(), e.getMessage());
        }
    }

    /** Whether matmuls really run on the GPU. */
    boolean gpuAvailable() {
        return gpu != null;
    }

    /** The fallback reason code, or {@code null} when the GPU is used. */
    String fallbackReason() {
        return reasonCode;
    }

    /** The fallback detail, or {@code null} when the GPU is used. */
    String fallbackDetail() {
        return detail;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String effectiveBackend() {
        return gpu != null ? Backend.CUDA : cpu.effectiveBackend();
    }

    @Override
    public void startSequence() {
        if (gpu == null) {
            KernelRecorder.fallback(Backend.CUDA, cpu.effectiveBackend(), reasonCode, detail);
        }
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, float[] out) {
        if (gpu != null) {
            gpu.matmul(w, x, out);
        } else {
            cpu.matmul(w, x, out);
        }
    }

    @Override
    public void rmsnorm(float[] x, float[] weight, float eps, float[] out) {
        cpu.rmsnorm(x, weight, eps, out);
    }

    @Override
    public void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions, int headDim,
                                float scale, float[] scores) {
        cpu.attentionScores(q, qOff, keys, kvOff, stride, positions, headDim, scale, scores);
    }

    @Override
    public void softmax(float[] x, int len) {
        cpu.softmax(x, len);
    }

    @Override
    public void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions, int headDim,
                                float[] out, int outOff) {
        cpu.attentionValues(weights, values, kvOff, stride, positions, headDim, out, outOff);
    }

    @Override
    public String toString() {
        return gpu != null ? "cuda" : "cuda (fallback to cpu-simd: " + reasonCode + ")";
    }
}
