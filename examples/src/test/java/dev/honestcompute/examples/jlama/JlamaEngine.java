package dev.honestcompute.examples.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.reference.EngineIdentity;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Jlama 0.8.4 (F32 weights, F32 working memory) driven through its public API the way its own {@code generate} does
 * it: the prompt in one {@code batchForward}, then one {@code forward} per generated token, each position's raw logits
 * from {@code sample} at temperature 0 (which is its greedy argmax) and its probabilities from {@code getLogits}
 * (which, despite the name, returns Jlama's softmax). {@code generate} itself reports text pieces only, not ids or
 * logits, so a parity test drives these steps instead.
 *
 * <pre>{@code
 * try (JlamaEngine jlama = JlamaEngine.load(hfDirectory)) {
 *     JlamaEngine.Run run = jlama.run(jlama.tokenize("The quick brown fox"), 8);
 *     float[][] logits = run.logits();        // [position][vocab], after BOS + tokens[0..i]
 *     int[] greedy = run.generated();
 * }
 * }</pre>
 */
final class JlamaEngine implements AutoCloseable {

    private final AbstractModel model;
    private final Path directory;

    private JlamaEngine(AbstractModel model, Path directory) {
        this.model = model;
        this.directory = directory;
    }

    /** Loads an HF-layout llama directory with F32 weights and F32 working memory. */
    static JlamaEngine load(Path hfDirectory) {
        return new JlamaEngine(ModelSupport.loadModel(hfDirectory.toFile(), DType.F32, DType.F32), hfDirectory);
    }

    /**
     * One pass of Jlama over a sequence.
     *
     * @param logits                raw logits {@code [i][vocab]} after BOS and {@code tokens[0..i]}
     * @param probabilities         Jlama's softmax of the same rows
     * @param preNormMeanSquares    mean square of the hidden state entering the final RMS norm, per row
     * @param generated             greedy tokens after the sequence (stops early at an EOS token, as
     *                              {@code generate} does)
     */
    record Run(float[][] logits, float[][] probabilities, double[] preNormMeanSquares, int[] generated) {
    }

    /** Jlama's tokenization of {@code text} without the BOS token (as llama.cpp's {@code encode} reports it). */
    int[] tokenize(String text) {
        return Arrays.stream(model.getTokenizer().encode(text)).mapToInt(Math::toIntExact).toArray();
    }

    /** The prompt ids Jlama's {@code generate} would feed for {@code text}: BOS (when its config adds one), then tokens. */
    int[] promptIds(String text) {
        return model.encodePrompt(PromptContext.of(text));
    }

    int bos() {
        return model.getConfig().bosToken;
    }

    int vocabularySize() {
        return model.getConfig().vocabularySize;
    }

    /** The RMS norm epsilon from config.json. */
    double normEpsilon() {
        return model.getConfig().layerNormEps;
    }

    /** Scores every position of BOS + {@code tokens}, then generates up to {@code maxNewTokens} greedy tokens. */
    Run run(int[] tokens, int maxNewTokens) {
        int[] sequence = new int[tokens.length + 1];
        sequence[0] = bos();
        System.arraycopy(tokens, 0, sequence, 1, tokens.length);
        int vocab = vocabularySize();
        float[][] logits = new float[tokens.length][];
        float[][] probabilities = new float[tokens.length][];
        double[] meanSquares = new double[tokens.length];
        int[] generated = new int[maxNewTokens];
        int count = 0;
        try (KvBufferCache cache = new KvBufferCache(model);
             KvBufferCache.KvBuffer kv = cache.getEphemeralKvBuffer();
             AbstractTensor scratch = model.makeDenseTensor(1, vocab)) {
            int next = -1;
            try (AbstractTensor batch = model.batchForward(sequence, 0, kv)) {
                for (int i = 1; i < sequence.length; i++) {
                    AbstractTensor row = batch.slice(i);
                    meanSquares[i - 1] = meanSquare(row);
                    probabilities[i - 1] = model.getLogits(row);
                    next = model.sample(row, 0f, 0f, scratch); // temperature 0: Jlama's own argmax
                    logits[i - 1] = copy(scratch, vocab);
                }
            }
            for (int pos = sequence.length; count < maxNewTokens; pos++) {
                if (model.getConfig().eosTokens.contains(next)) {
                    break;
                }
                generated[count++] = next;
                if (count == maxNewTokens) {
                    break;
                }
                try (AbstractTensor out = model.forward(next, pos, kv, Optional.empty())) {
                    next = model.sample(out, 0f, 0f, scratch);
                }
            }
        }
        return new Run(logits, probabilities, meanSquares, Arrays.copyOf(generated, count));
    }

    /** This engine as one side of a parity comparison (logits of the input, greedy tokens after it). */
    ParityEngine asParityEngine() {
        return ParityEngine.of(identity(), in -> {
            Run run = run(in.tokens(), in.maxNewTokens());
            return new EngineOutput(run.logits(), in.maxNewTokens() > 0 ? run.generated() : null);
        });
    }

    EngineIdentity identity() {
        return new EngineIdentity("jlama", "com.github.tjake:jlama-core 0.8.4 (" + TensorOperationsProvider.get().name()
                + ", F32 weights, F32 working memory)", directory.toAbsolutePath().toString());
    }

    private static double meanSquare(AbstractTensor hidden) {
        float[] v = copy(hidden, Math.toIntExact(hidden.size()));
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return sum / v.length;
    }

    /** The first {@code n} values of a 1-D tensor or of row 0 of a 2-D one. */
    private static float[] copy(AbstractTensor t, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.dims() == 1 ? t.get(i) : t.get(0, i);
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
