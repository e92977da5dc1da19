package dev.honestcompute.examples.engine;

/**
 * Where the engine's heavy operations run. Pick one per {@link LlamaEngine}:
 * <ul>
 *   <li>{@link #scalar()}: plain Java loops, the reference ({@code cpu} kernels);</li>
 *   <li>{@link #simd()}: the Vector API with {@code FloatVector.SPECIES_PREFERRED} ({@code cpu-simd} kernels);</li>
 *   <li>{@link #parallelSimd()}: the same, with each matmul's rows in blocks on the ForkJoin common pool (a parallel
 *       stream): the multi-threaded path, attributed to the test by the recorder's context propagation;</li>
 *   <li>{@link #q8_0()}: weights as ggml Q8_0 blocks (f16 scale + 32 int8), activations F32;</li>
 *   <li>{@link #cuda()}: matmul on an NVIDIA GPU through the CUDA driver API (FFM), the rest SIMD. Without a
 *       usable driver it runs on the CPU and reports the downgrade with
 *       {@code KernelRecorder.fallback("cuda", "cpu-simd", reasonCode, detail)} at each sequence start.</li>
 * </ul>
 * Element-wise steps (RoPE, SwiGLU, residual adds) are scalar {@code cpu} kernels in every backend.
 *
 * <pre>{@code
 * LlamaEngine engine = new LlamaEngine(model, ComputeBackend.simd());
 * }</pre>
 */
public interface ComputeBackend {

    /** Short name: {@code scalar}, {@code simd}, {@code parallel-simd}, {@code q8_0} or {@code cuda}. */
    String name();

    /**
     * The recorder backend ({@code cpu}, {@code cpu-simd}, {@code cuda}) that really runs this backend's matmuls
     * here: for {@link #cuda()} without a driver it is {@code cpu-simd}, never {@code cuda}.
     */
    String effectiveBackend();

    /** {@code out[r] = sum_c w[r][c] * x[c]}. */
    void matmul(WeightMatrix w, float[] x, float[] out);

    /** {@code out = x / sqrt(mean(x^2) + eps) * weight}. */
    void rmsnorm(float[] x, float[] weight, float eps, float[] out);

    /**
     * Scores of one query head against cached keys: {@code scores[t] = scale * q[qOff..] . keys[t*stride+kvOff..]}
     * for {@code t < positions}.
     */
    void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions, int headDim,
                         float scale, float[] scores);

    /** In-place softmax of {@code x[0..len)}. */
    void softmax(float[] x, int len);

    /** {@code out[outOff+d] = sum_t weights[t] * values[t*stride+kvOff+d]} for {@code d < headDim}. */
    void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions, int headDim,
                         float[] out, int outOff);

    /** Called by the engine when a new sequence starts (position 0); backends report fallbacks here. */
    default void startSequence() {
    }

    /** Scalar reference backend. */
    static ComputeBackend scalar() {
        return ScalarBackend.INSTANCE;
    }

    /** Vector API backend. */
    static ComputeBackend simd() {
        return SimdBackend.INSTANCE;
    }

    /** Vector API backend whose matmuls run in row blocks on the ForkJoin common pool. */
    static ComputeBackend parallelSimd() {
        return ParallelSimdBackend.INSTANCE;
    }

    /** Q8_0 weight-quantized backend (matmul from Q8_0 blocks, other steps scalar). */
    static ComputeBackend q8_0() {
        return Q8_0Backend.INSTANCE;
    }

    /** CUDA backend, or its honest CPU fallback when the driver or a GPU is missing. */
    static ComputeBackend cuda() {
        return CudaBackend.create();
    }
}
