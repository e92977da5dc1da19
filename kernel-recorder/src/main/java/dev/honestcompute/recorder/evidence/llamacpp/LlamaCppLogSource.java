package dev.honestcompute.recorder.evidence.llamacpp;

import dev.honestcompute.recorder.evidence.EvidenceKind;
import dev.honestcompute.recorder.evidence.EvidenceSource;

/**
 * Evidence from llama.cpp's own log ({@code de.kherud:llama}): for every model loaded or used in a window, the build,
 * the CPU features, the device each layer was assigned to, how many layers were offloaded, and the buffers it
 * allocated, as facts; and a fallback ({@code LLAMACPP_NO_LAYERS_OFFLOADED}, {@code LLAMACPP_PARTIAL_OFFLOAD},
 * {@code LLAMACPP_OTHER_GPU_BACKEND}) when the test asked for a GPU, by its requested backend or by
 * {@code ModelParameters.setGpuLayers(n > 0)}, and llama.cpp kept layers elsewhere. A load log proves where the
 * model's layers were placed, not that kernels ran; this source reports no kernels.
 *
 * <pre>{@code
 * @Test
 * @EmitsReceipt(backend = "cuda")
 * void offloadsEveryLayer(Path gguf) {
 *     try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setGpuLayers(99))) {
 *         model.complete(new InferenceParameters("hi").setNPredict(4));
 *     }   // on a CPU-only build: fallback cuda -> cpu, LLAMACPP_NO_LAYERS_OFFLOADED, "offloaded 0/3 layers"
 * }
 * }</pre>
 */
public final class LlamaCppLogSource implements EvidenceSource {

    /** The source name receipts carry. */
    public static final String NAME = "llamacpp-log";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.LOG;
    }

    @Override
    public int priority() {
        return 90;
    }

    @Override
    public Capture open(Window window) {
        return ModelLoads.INSTANCE.windows.watch(new LlamaCppWindow(window), LlamaCppWindow::report);
    }
}
