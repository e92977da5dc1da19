package dev.honestcompute.examples.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The weights of a llama-architecture model, loaded from an HF directory (F32 {@code model.safetensors}) or from a
 * GGUF v3 file (F32 or Q8_0). Immutable; one model can serve many {@link LlamaEngine}s.
 *
 * <pre>{@code
 * LlamaModel model = LlamaModel.loadHf(generated.hfDirectory());
 * LlamaModel q8 = LlamaModel.loadGguf(generated.file("tiny-llama-q8_0.gguf"));
 * }</pre>
 */
public final class LlamaModel {

    /** One transformer block's weights. Q/K rows are in HF's rotate-half RoPE layout whatever the source file. */
    record Layer(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, WeightMatrix wo,
                 float[] ffnNorm, WeightMatrix gate, WeightMatrix up, WeightMatrix down) {
    }

    private final Path source;
    private final LlamaConfig config;
    private final float[] embeddings;
    private final List<Layer> layers;
    private final float[] finalNorm;
    private final WeightMatrix lmHead;
    private final boolean quantizedSource;

    LlamaModel(Path source, LlamaConfig config, float[] embeddings, List<Layer> layers, float[] finalNorm,
               WeightMatrix lmHead, boolean quantizedSource) {
        this.source = source;
        this.config = config;
        this.embeddings = embeddings;
        this.layers = List.copyOf(layers);
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        this.quantizedSource = quantizedSource;
    }

    /**
     * Loads an HF-layout directory: {@code config.json} ({@code model_type: llama}) and an F32
     * {@code model.safetensors}. A missing tensor or a wrong shape fails with the file and tensor named.
     */
    public static LlamaModel loadHf(Path directory) throws IOException {
        return HfModelLoader.load(directory);
    }

    /**
     * Loads a GGUF v3 llama file with F32 or Q8_0 tensors. Q/K rows, which llama.cpp's converter permutes for
     * ggml's interleaved RoPE, are permuted back. Q8_0 matrices keep their exact quantized values.
     */
    public static LlamaModel loadGguf(Path file) throws IOException {
        return GgufModelLoader.load(file);
    }

    /** Model sizes. */
    public LlamaConfig config() {
        return config;
    }

    /** The file or directory the weights came from. */
    public Path source() {
        return source;
    }

    /** Whether the matrices came from a Q8_0 file (their F32 values are then the dequantized quants). */
    public boolean quantizedSource() {
        return quantizedSource;
    }

    float[] embeddings() {
        return embeddings;
    }

    List<Layer> layers() {
        return layers;
    }

    float[] finalNorm() {
        return finalNorm;
    }

    WeightMatrix lmHead() {
        return lmHead;
    }
}
