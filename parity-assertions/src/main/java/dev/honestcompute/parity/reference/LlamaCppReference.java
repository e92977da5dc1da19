package dev.honestcompute.parity.reference;

import dev.honestcompute.fixtures.format.GgufReader;
import dev.honestcompute.fixtures.hash.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * llama.cpp in-process, through {@code de.kherud:llama} 4.2.0 (JNI, CPU only), as a reference engine on a GGUF file.
 * Settings follow what makes llama.cpp agree with an independent float64 forward pass: F32 KV cache, flash
 * attention off, no GPU layers, one thread, fixed seed.
 *
 * <pre>{@code
 * try (LlamaCppReference llama = LlamaCppReference.open(Path.of("tiny-llama-f32.gguf"))) {
 *     int[] prompt = llama.tokenize("Once upon a time").tokens();
 *     float[][] logits = llama.logits(prompt);            // [position][vocab]
 *     Generation g = llama.generateGreedy("Once upon a time", 8, 0);
 * }
 * }</pre>
 *
 * <p>What this binding can and cannot give, and how this class works around it:
 * <ul>
 *   <li>Tokenization: {@code encode}, exactly as llama.cpp does it (no BOS; generation adds the BOS itself).</li>
 *   <li>Greedy generation: token <em>pieces</em> (text), not ids — the binding's streaming output carries text only.
 *       Top-n probabilities are not available: any {@code n_probs} makes 4.2.0's JNI hit a {@code GGML_ASSERT} in
 *       its JSON reader and abort the JVM, so {@code topProbabilities > 0} is refused with
 *       {@link UnsupportedCapabilityException} before llama.cpp is called.</li>
 *   <li>Logits ({@link #logits(int[])}) and probabilities ({@link #tokenProbabilities(int[])}): llama.cpp's final
 *       hidden state (embedding mode, pooling LAST = the output of the final RMS norm, which the binding returns
 *       L2-normalized) is rescaled with the GGUF's {@code output_norm.weight} (the norm's output divided by its
 *       weight has RMS 1, up to the norm's epsilon) and projected through the GGUF's {@code output.weight} in
 *       double. Ranking metrics (τ-b, top-k, argmax) and cosine are exact functions of llama.cpp's hidden state;
 *       NLL and element-wise errors carry the reconstruction's small error (the norm epsilon over the mean
 *       square, ~1e-4 relative for the tiny fixtures), and a Q8_0 {@code output.weight} is dequantized rather
 *       than multiplied the way llama.cpp's Q8_0 kernel does.</li>
 * </ul>
 *
 * <p>{@code de.kherud:llama} is an optional dependency of parity-assertions: add it to the test class path
 * ({@value #BINDING}); without it {@link #open} fails with {@link MissingReferenceDependencyException} naming the
 * dependency. llama.cpp's own log goes to {@code target/llama-cpp-<pid>.log} (one console line names the file;
 * {@code -Dhonestcompute.parity.llamacpp.log=console} prints it as llama.cpp does).
 */
public final class LlamaCppReference implements ReferenceEngine {

    /** The binding whose behaviour this class is written against. */
    public static final String BINDING = "de.kherud:llama 4.2.0";

    private final Path gguf;
    private final String sha256;
    private final GgufReader file;
    private final LlamaCppBinding generator;
    private LlamaCppBinding embedder;
    private double[][] output;
    private double[] outputNorm;

    private LlamaCppReference(Path gguf, String sha256, GgufReader file, LlamaCppBinding generator) {
        this.gguf = gguf;
        this.sha256 = sha256;
        this.file = file;
        this.generator = generator;
    }

    /**
     * Loads {@code gguf} on the CPU (F32 KV cache, flash attention off, one thread, seed 42).
     *
     * @throws MissingReferenceDependencyException when {@code de.kherud:llama} is not on the class path
     */
    public static LlamaCppReference open(Path gguf) {
        OptionalDependency.LLAMA_CPP.require();
        Objects.requireNonNull(gguf, "gguf model path must not be null");
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("GGUF model " + gguf.toAbsolutePath() + " does not exist or is not a "
                    + "file; generate it (TinyLlamaGenerator) or fetch the fixture first");
        }
        GgufReader file;
        String sha;
        try {
            file = GgufReader.read(gguf);
            sha = Sha256.of(gguf);
        } catch (IOException e) {
            throw new ReferenceEngineException("cannot read GGUF " + gguf.toAbsolutePath() + ": " + e.getMessage()
                    + "; is it a complete GGUF v3 file?", e);
        }
        LlamaCppLog log = LlamaCppLog.get();
        log.announce(System.err);
        return new LlamaCppReference(gguf, sha, file, LlamaCppBinding.load(gguf, false, log));
    }

    @Override
    public EngineIdentity identity() {
        return new EngineIdentity("llama.cpp", BINDING + " (CPU, F32 KV cache, flash attention off)",
                gguf.toAbsolutePath() + " sha256:" + sha256);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TOKENIZE, Capability.GREEDY_TOKEN_PIECES, Capability.FULL_LOGITS);
    }

    @Override
    public Tokenization tokenize(String text) {
        Objects.requireNonNull(text, "text must not be null");
        long start = System.nanoTime();
        int[] tokens = generator.encode(text);
        return new Tokenization(tokens, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The text llama.cpp makes of {@code tokens}. */
    public String detokenize(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        requireInVocabulary(tokens);
        return generator.decode(tokens);
    }

    @Override
    public Generation generateGreedy(int[] promptTokens, int maxTokens, int topProbabilities) {
        return generateGreedy(textOf(promptTokens, "promptTokens"), maxTokens, topProbabilities);
    }

    @Override
    public Generation generateGreedy(String prompt, int maxTokens, int topProbabilities) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, but was " + maxTokens);
        }
        if (topProbabilities != 0) {
            throw new UnsupportedCapabilityException(Capability.TOKEN_PROBABILITIES, BINDING + " aborts the JVM "
                    + "(GGML_ASSERT in its JSON reader) for any n_probs; pass topProbabilities 0 and use "
                    + "tokenProbabilities(tokens) or logits(tokens), which compute them from llama.cpp's hidden state");
        }
        long start = System.nanoTime();
        List<TokenStep> steps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String piece : generator.greedyPieces(prompt, maxTokens)) {
            text.append(piece);
            steps.add(new TokenStep(new TokenCandidate(null, piece, Double.NaN), List.of()));
        }
        return new Generation(null, text.toString(), steps, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Logits of every position of {@code tokens} ({@code [i]} is the distribution after {@code tokens[0..i]}, with
     * the BOS llama.cpp prepends), reconstructed from llama.cpp's final hidden state (see the class comment).
     * {@code tokens} must be what {@link #tokenize} gives for some text, because the binding embeds text.
     */
    @Override
    public float[][] logits(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        if (tokens.length == 0) {
            throw new IllegalArgumentException("tokens is empty; logits need at least one token");
        }
        requireInVocabulary(tokens);
        loadProjection();
        float[][] out = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            int[] prefix = Arrays.copyOf(tokens, i + 1);
            String text = textOf(prefix, "tokens[0.." + i + "]");
            out[i] = project(embedder.embed(text));
        }
        return out;
    }

    /**
     * Probability of each {@code tokens[i]} (i ≥ 1) given {@code tokens[0..i-1]}: {@code [i-1]} holds p(tokens[i]).
     * Computed from {@link #logits(int[])} because the binding cannot report probabilities itself.
     */
    public double[] tokenProbabilities(int[] tokens) {
        if (tokens == null || tokens.length < 2) {
            throw new IllegalArgumentException("tokenProbabilities needs at least two tokens (a prefix and a token to "
                    + "score), but got " + (tokens == null ? "null" : tokens.length));
        }
        float[][] logits = logits(Arrays.copyOf(tokens, tokens.length - 1));
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(dev.honestcompute.parity.metrics.LogSoftmax.of(
                    dev.honestcompute.parity.metrics.Values.of(logits[i]))[tokens[i + 1]]);
        }
        return p;
    }

    /** Vocabulary size, from the GGUF's output matrix. */
    public int vocabularySize() {
        GgufReader.TensorInfo t = file.tensors().get("output.weight");
        if (t == null) {
            throw new ReferenceEngineException(gguf + " has no output.weight tensor; tied embeddings are not supported "
                    + "by this reference yet");
        }
        return Math.toIntExact(t.dims()[1]);
    }

    private synchronized void loadProjection() {
        if (output != null) {
            return;
        }
        int vocab = vocabularySize();
        try {
            float[] w = file.floats("output.weight");
            float[] g = file.floats("output_norm.weight");
            int hidden = g.length;
            if (w.length != (long) vocab * hidden) {
                throw new ReferenceEngineException(gguf + ": output.weight has " + w.length + " values, expected "
                        + vocab + " x " + hidden);
            }
            double[][] rows = new double[vocab][hidden];
            for (int v = 0; v < vocab; v++) {
                for (int h = 0; h < hidden; h++) {
                    rows[v][h] = w[v * hidden + h];
                }
            }
            double[] norm = new double[hidden];
            for (int h = 0; h < hidden; h++) {
                if (g[h] == 0) {
                    throw new ReferenceEngineException(gguf + ": output_norm.weight[" + h + "] is 0, so the hidden "
                            + "state's scale cannot be recovered; logits are unavailable for this model");
                }
                norm[h] = g[h];
            }
            outputNorm = norm;
            output = rows;
        } catch (IOException e) {
            throw new ReferenceEngineException("cannot read the output projection of " + gguf + ": " + e.getMessage(), e);
        }
        embedder = LlamaCppBinding.load(gguf, true, LlamaCppLog.get());
    }

    private float[] project(float[] unitHidden) {
        if (unitHidden.length != outputNorm.length) {
            throw new ReferenceEngineException("llama.cpp returned a hidden state of " + unitHidden.length
                    + " values, but output_norm.weight has " + outputNorm.length);
        }
        // unitHidden = h / |h| with h = g * x / rms(x); (h / g) has RMS 1, so |h| = 1 / rms(unitHidden / g).
        double meanSquare = 0;
        for (int i = 0; i < unitHidden.length; i++) {
            double v = unitHidden[i] / outputNorm[i];
            meanSquare += v * v;
        }
        meanSquare /= unitHidden.length;
        double scale = 1 / Math.sqrt(meanSquare);
        float[] logits = new float[output.length];
        for (int v = 0; v < output.length; v++) {
            double[] row = output[v];
            double dot = 0;
            for (int i = 0; i < row.length; i++) {
                dot += row[i] * unitHidden[i];
            }
            logits[v] = (float) (dot * scale);
        }
        return logits;
    }

    /** Text whose llama.cpp tokenization is exactly {@code tokens}; a clear error when no such text exists. */
    private String textOf(int[] tokens, String what) {
        Objects.requireNonNull(tokens, what + " must not be null");
        if (tokens.length == 0) {
            throw new IllegalArgumentException(what + " is empty; give at least one token");
        }
        requireInVocabulary(tokens);
        String text = generator.decode(tokens);
        // The SentencePiece-style tokenizer adds a leading space that decode gives back; encode adds it again.
        String candidate = text.startsWith(" ") ? text.substring(1) : text;
        if (Arrays.equals(generator.encode(candidate), tokens)) {
            return candidate;
        }
        if (Arrays.equals(generator.encode(text), tokens)) {
            return text;
        }
        throw new UnsupportedCapabilityException(Capability.FULL_LOGITS, what + " " + Arrays.toString(tokens)
                + " is not how llama.cpp tokenizes any text (it tokenizes '" + candidate + "' as "
                + Arrays.toString(generator.encode(candidate)) + "); " + BINDING + " only accepts text, so pass tokens "
                + "that came from tokenize(text)");
    }

    private void requireInVocabulary(int[] tokens) {
        int vocab = vocabularySize();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocab) {
                // checked here because llama.cpp would read out of bounds rather than fail
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i + " is outside the "
                        + "vocabulary of " + gguf.getFileName() + " (0.." + (vocab - 1) + ")");
            }
        }
    }

    @Override
    public synchronized void close() {
        generator.close();
        if (embedder != null) {
            embedder.close();
        }
    }
}
