package dev.honestcompute.recorder.evidence;

/**
 * Where an {@link EvidenceSource.Capture} reports what its engine proved for one window. Valid only during
 * {@link EvidenceSource.Capture#close}; calls after that throw {@link IllegalStateException}.
 */
public interface EvidenceSink {

    /**
     * A kernel (an operator, a node, a launch) the engine's profiler or log says ran.
     *
     * @param id          stable id, prefixed by the engine, e.g. {@code "ort.MatMul"}
     * @param backend     where it ran, lower case: {@code cpu}, {@code cpu-simd}, {@code cuda}, ...
     * @param calls       how many times it ran successfully inside the window (at least 1 for any report)
     * @param failedCalls how many times it failed
     * @param detail      what the evidence says, for people: e.g. {@code "CPUExecutionProvider, node /layer0/MatMul"}
     */
    void kernel(String id, String backend, long calls, long failedCalls, String detail);

    /**
     * The engine ran on {@code effective} although {@code requested} was asked for (e.g. a CUDA provider's nodes on
     * CPU). {@code requested} is the window's {@link EvidenceSource.Window#requestedBackend()} when the test named one,
     * else what the test asked the engine for in the engine's own terms ({@code setGpuLayers(n)}: {@code gpu}; a
     * required Jlama provider: its backend).
     */
    void fallback(String requested, String effective, String reasonCode, String detail);

    /**
     * A fact the engine's own evidence states about its configuration in the window that is not a kernel: the
     * tensor-operations provider it chose, the devices its layers were assigned to, how many layers it offloaded.
     * A fact never counts as compute that ran.
     *
     * @param name  stable, lower-case, prefixed by the engine, e.g. {@code "llamacpp.offloaded_layers"}
     * @param value what the evidence says, e.g. {@code "0/3"}
     */
    void fact(String name, String value);

    /** Evidence this source should have given but could not, and why (e.g. {@code "cupti"}, "no GPU on this host"). */
    void unavailable(String what, String why);
}
