package dev.honestcompute.recorder.evidence;

/** How an observation was made; receipts carry it as {@code kernel_stats[].source} beside the source's name. */
public enum EvidenceKind {
    /** The recorder agent's bytecode instrumentation of a method that ran ({@code @Kernel}, a kernels config). */
    INSTRUMENTATION("instrumentation"),
    /** A launch seen at a GPU driver boundary (JCuda's native launch, an FFM downcall into libcuda). */
    DRIVER("driver"),
    /** The engine's own profiler output (ONNX Runtime's session profile, TornadoVM's profiler). */
    PROFILER("profiler"),
    /** Lines the engine wrote to its log (llama.cpp's backend, device and offload lines). */
    LOG("log"),
    /** State read from the engine's runtime objects (the tensor-operations provider Jlama chose). */
    ENGINE_STATE("engine-state");

    private final String jsonName;

    EvidenceKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name receipts use, e.g. {@code "profiler"}. */
    public String jsonName() {
        return jsonName;
    }
}
