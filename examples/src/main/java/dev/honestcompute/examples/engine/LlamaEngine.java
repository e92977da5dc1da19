package dev.honestcompute.examples.engine;

import java.util.Objects;

/**
 * A llama forward pass with a KV cache and greedy decoding, one token at a time, on a chosen
 * {@link ComputeBackend}. Not thread-safe: one engine per sequence; many engines may share one {@link LlamaModel}.
 *
 * <pre>{@code
 * LlamaModel model = LlamaModel.loadHf(dir);
 * LlamaEngine engine = new LlamaEngine(model, ComputeBackend.simd());
 * int[] next = engine.generate(new int[] {1, 300, 301}, 8);   // greedy, 8 new tokens
 * engine.reset();
 * float[] logits = engine.forward(1);                          // logits after token 1 at position 0
 * }</pre>
 */
public final class LlamaEngine {

    private final LlamaModel model;
    private final LlamaConfig c;
    private final ComputeBackend backend;
    private final float[][] keyCache;
    private final float[][] valueCache;
    private final float[] ropeCos;
    private final float[] ropeSin;
    private final float attentionScale;
    private int position;

    // scratch
    private final float[] x;
    private final float[] xb;
    private final float[] q;
    private final float[] k;
    private final float[] v;
    private final float[] attn;
    private final float[] proj;
    private final float[] gate;
    private final float[] up;
    private final float[] scores;

    /** An engine with an empty KV cache of {@code model.config().maxPositions()} positions. */
    public LlamaEngine(LlamaModel model, ComputeBackend backend) {
        this.model = Objects.requireNonNull(model, "model");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.c = model.config();
        int kvDim = c.kvDim();
        keyCache = new float[c.layers()][c.maxPositions() * kvDim];
        valueCache = new float[c.layers()][c.maxPositions() * kvDim];
        int half = c.headDim() / 2;
        ropeCos = new float[c.maxPositions() * half];
        ropeSin = new float[c.maxPositions() * half];
        for (int p = 0; p < c.maxPositions(); p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(c.ropeTheta(), -2.0 * i / c.headDim());
                ropeCos[p * half + i] = (float) Math.cos(angle);
                ropeSin[p * half + i] = (float) Math.sin(angle);
            }
        }
        attentionScale = (float) (1.0 / Math.sqrt(c.headDim()));
        x = new float[c.hidden()];
        xb = new float[c.hidden()];
        q = new float[c.heads() * c.headDim()];
        k = new float[kvDim];
        v = new float[kvDim];
        attn = new float[c.heads() * c.headDim()];
        proj = new float[c.hidden()];
        gate = new float[c.intermediate()];
        up = new float[c.intermediate()];
        scores = new float[c.maxPositions()];
    }

    /** The backend this engine runs on. */
    public ComputeBackend backend() {
        return backend;
    }

    /** The model this engine runs. */
    public LlamaModel model() {
        return model;
    }

    /** Number of tokens in the KV cache (the position the next {@link #forward} call fills). */
    public int position() {
        return position;
    }

    /** Empties the KV cache; the next {@link #forward} call is position 0. */
    public void reset() {
        position = 0;
    }

    /**
     * Runs one token at the next position and returns the logits over the vocabulary (a fresh array).
     *
     * @throws IllegalArgumentException when {@code token} is outside the vocabulary
     * @throws IllegalStateException    when the KV cache is full
     */
    public float[] forward(int token) {
        if (token < 0 || token >= c.vocab()) {
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary [0, " + c.vocab() + ")");
        }
        if (position >= c.maxPositions()) {
            throw new IllegalStateException("KV cache full: " + c.maxPositions() + " positions used; call reset()");
        }
        if (position == 0) {
            backend.startSequence();
        }
        int pos = position;
        int h = c.hidden();
        int headDim = c.headDim();
        int kvDim = c.kvDim();
        int group = c.heads() / c.kvHeads();
        float eps = (float) c.rmsEps();
        System.arraycopy(model.embeddings(), token * h, x, 0, h);
        for (int l = 0; l < c.layers(); l++) {
            LlamaModel.Layer layer = model.layers().get(l);
            backend.rmsnorm(x, layer.attnNorm(), eps, xb);
            backend.matmul(layer.wq(), xb, q);
            backend.matmul(layer.wk(), xb, k);
            backend.matmul(layer.wv(), xb, v);
            ScalarKernels.rope(q, c.heads(), headDim, ropeCos, ropeSin, pos * (headDim / 2));
            ScalarKernels.rope(k, c.kvHeads(), headDim, ropeCos, ropeSin, pos * (headDim / 2));
            System.arraycopy(k, 0, keyCache[l], pos * kvDim, kvDim);
            System.arraycopy(v, 0, valueCache[l], pos * kvDim, kvDim);
            for (int head = 0; head < c.heads(); head++) {
                int kvOff = (head / group) * headDim;
                backend.attentionScores(q, head * headDim, keyCache[l], kvOff, kvDim, pos + 1, headDim,
                        attentionScale, scores);
                backend.softmax(scores, pos + 1);
                backend.attentionValues(scores, valueCache[l], kvOff, kvDim, pos + 1, headDim, attn, head * headDim);
            }
            backend.matmul(layer.wo(), attn, proj);
            ScalarKernels.add(x, proj);
            backend.rmsnorm(x, layer.ffnNorm(), eps, xb);
            backend.matmul(layer.gate(), xb, gate);
            backend.matmul(layer.up(), xb, up);
            ScalarKernels.swiglu(gate, up);
            backend.matmul(layer.down(), gate, proj);
            ScalarKernels.add(x, proj);
        }
        backend.rmsnorm(x, model.finalNorm(), eps, xb);
        float[] logits = new float[c.vocab()];
        backend.matmul(model.lmHead(), xb, logits);
        position++;
        return logits;
    }

    /**
     * Resets the cache, feeds {@code prompt} and greedily decodes exactly {@code maxNewTokens} tokens (no stop at
     * end-of-sequence: callers cut at their EOS id).
     */
    public int[] generate(int[] prompt, int maxNewTokens) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token (usually BOS)");
        }
        if (maxNewTokens < 0 || prompt.length + maxNewTokens > c.maxPositions() + 1) {
            throw new IllegalArgumentException("prompt (" + prompt.length + ") + maxNewTokens (" + maxNewTokens
                    + ") does not fit the context of " + c.maxPositions());
        }
        reset();
        float[] logits = null;
        for (int t : prompt) {
            logits = forward(t);
        }
        int[] out = new int[maxNewTokens];
        for (int i = 0; i < maxNewTokens; i++) {
            out[i] = argmax(logits);
            if (i + 1 < maxNewTokens) {
                logits = forward(out[i]);
            }
        }
        return out;
    }

    /** Index of the largest logit (lowest index on ties). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
