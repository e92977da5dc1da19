package dev.honestcompute.examples.engine;

/**
 * Sizes of a llama-architecture model, read from an HF {@code config.json} or from GGUF metadata.
 *
 * <pre>{@code
 * LlamaConfig c = LlamaModel.loadHf(dir).config();
 * int headDim = c.headDim();
 * }</pre>
 *
 * @param hidden       hidden size (embedding length)
 * @param intermediate MLP size
 * @param layers       transformer blocks
 * @param heads        attention heads
 * @param kvHeads      key/value heads (grouped-query attention when smaller than {@code heads})
 * @param vocab        vocabulary size
 * @param maxPositions context length (size of the KV cache)
 * @param ropeTheta    RoPE frequency base
 * @param rmsEps       RMS-norm epsilon
 */
public record LlamaConfig(int hidden, int intermediate, int layers, int heads, int kvHeads, int vocab,
                          int maxPositions, double ropeTheta, double rmsEps) {

    public LlamaConfig {
        if (hidden <= 0 || intermediate <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || vocab <= 0
                || maxPositions <= 0) {
            throw new IllegalArgumentException("all llama sizes must be positive, got " + describe(hidden,
                    intermediate, layers, heads, kvHeads, vocab, maxPositions));
        }
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must split hidden (" + hidden
                    + ") into an even head size");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("kvHeads (" + kvHeads + ") must divide heads (" + heads + ")");
        }
        if (!(ropeTheta > 0) || !(rmsEps > 0)) {
            throw new IllegalArgumentException("ropeTheta and rmsEps must be positive, got " + ropeTheta + ", "
                    + rmsEps);
        }
    }

    /** Size of one attention head. */
    public int headDim() {
        return hidden / heads;
    }

    /** Width of the key/value projections ({@code kvHeads * headDim}). */
    public int kvDim() {
        return kvHeads * headDim();
    }

    private static String describe(int hidden, int intermediate, int layers, int heads, int kvHeads, int vocab,
                                   int maxPositions) {
        return "hidden=" + hidden + ", intermediate=" + intermediate + ", layers=" + layers + ", heads=" + heads
                + ", kvHeads=" + kvHeads + ", vocab=" + vocab + ", maxPositions=" + maxPositions;
    }
}
