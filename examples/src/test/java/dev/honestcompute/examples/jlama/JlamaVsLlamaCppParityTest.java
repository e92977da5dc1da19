package dev.honestcompute.examples.jlama;

import dev.honestcompute.parity.metrics.LogSoftmax;
import dev.honestcompute.parity.metrics.Values;

import dev.honestcompute.fixtures.format.GgufReader;
import dev.honestcompute.fixtures.format.SafetensorsReader;
import dev.honestcompute.parity.MetricResult;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityEvaluator;
import dev.honestcompute.parity.ParityHarness;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityRecord;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.ParityVerdict;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.parity.ToleranceProfile;
import dev.honestcompute.parity.metrics.CosineSimilarity;
import dev.honestcompute.parity.metrics.MaxError;
import dev.honestcompute.parity.metrics.Nmse;
import dev.honestcompute.parity.reference.LlamaCppReference;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static dev.honestcompute.parity.ParityAssertions.assertThatTensor;
import static dev.honestcompute.parity.ParityAssertions.assertThatTokens;
import static dev.honestcompute.parity.ParityAssertions.assertThatVerdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two independent engines on the same verified weights: Jlama 0.8.4 on the HF safetensors form
 * ({@code tiny-llama-hf}) and llama.cpp through {@code de.kherud:llama} on the F32 GGUF form
 * ({@code tiny-llama-gguf-f32}), both live in this JVM. Same tokenization of the same prompt (BOS included), identical
 * greedy tokens, logits within llama.cpp's own {@code test-backend-ops} gate (NMSE ≤ 1e-7, profile
 * {@code llama.cpp-default}) and Jlama's probabilities within torch's fp32 {@code assert_close}.
 *
 * <p>Why logits are gated by NMSE and not by fp32 allclose: llama.cpp's logits are not observable through this
 * binding ({@code n_probs} aborts the JVM), so {@link LlamaCppReference} rebuilds them from the final hidden state,
 * which the binding returns L2-normalized. That loses the RMS norm's epsilon: every rebuilt row is too large by
 * {@code sqrt(1 + eps / ms)}, where {@code ms} is the mean square entering the final norm. Measured on this model and
 * prompt (34 positions x 384): a per-position scale of 2.0e-6..8.5e-6, up to 1.2e-4 absolute on logits up to ~15, so
 * 12% of the elements fall outside fp32's atol 1e-5 + rtol 1.3e-6 |ref|; yet the NMSE is at most 7.2e-11 per
 * position, three orders below llama.cpp's gate. {@link #logitsMissFp32OnlyByTheReferencesNormEpsilon} measures this
 * and shows the engines agree to fp32 once that known factor is put back. The probabilities pass fp32 as they are
 * (max |dp| ~5.7e-6), but mostly on fp32's atol: they are below 0.1, so 1e-5 absolute is a loose relative bound.
 *
 * <p>The receipt lists the kernels the recorder observed, which are Jlama's (Java, instrumented through the
 * kernel-recorder's built-in kernels.json). llama.cpp runs native code the recorder cannot see; it appears in the
 * receipt's {@code parity} section as the reference engine, with its GGUF's SHA-256.
 */
class JlamaVsLlamaCppParityTest {

    static final String PROMPT = "The quick brown fox jumps over";
    static final int NEW_TOKENS = 16;
    static final String PARITY_TEST = "jlamaMatchesLlamaCppOnTheTinyLlama";

    private static volatile boolean parityTestCompleted;

    @Test
    @EmitsReceipt(backend = "cpu-simd")
    @ParityWith(reference = LlamaCppF32Reference.class, profile = "llama.cpp-default")
    void jlamaMatchesLlamaCppOnTheTinyLlama(@RequiresModel("tiny-llama-hf") Path hf,
            @RequiresModel("tiny-llama-gguf-f32") Path gguf, ParityCheck parity) throws IOException {
        try (JlamaEngine jlama = JlamaEngine.load(hf); LlamaCppReference llama = LlamaCppReference.open(gguf)) {
            int[] prompt = llama.tokenize(PROMPT).tokens();
            assertThatTokens(jlama.tokenize(PROMPT)).isSameSequenceAs(prompt);
            assertThatTokens(jlama.promptIds(PROMPT)).as("what each engine feeds: BOS (per its config) + prompt")
                    .isSameSequenceAs(llamaCppModelInput(gguf, prompt));

            // Greedy tokens identical, logits of the prompt positions within NMSE 1e-7 (receipt: parity section).
            ParityRecord generation = parity.check(new ParityInput("fox", prompt, NEW_TOKENS), jlama.asParityEngine());
            int[] greedy = jlama.run(prompt, NEW_TOKENS).generated();
            assertThat(greedy).as("Jlama generated the full %d tokens (no early EOS)", NEW_TOKENS).hasSize(NEW_TOKENS);

            // The same gates over prompt + continuation: every position the generation went through.
            int[] sequence = concat(prompt, Arrays.copyOf(greedy, NEW_TOKENS - 1));
            ParityRecord continued = parity.check(new ParityInput("fox+greedy", sequence, 0), jlama.asParityEngine());

            // Probabilities: Jlama's own softmax (getLogits) vs the softmax of llama.cpp's logits, fp32 allclose.
            JlamaEngine.Run scored = jlama.run(sequence, 0);
            float[][] reference = llama.logits(sequence);
            float[][] referenceP = softmax(reference);
            int vocab = jlama.vocabularySize();
            assertThatTensor(flatten(scored.probabilities()), sequence.length, vocab)
                    .isCloseTo(flatten(referenceP), ToleranceProfile.FP32);

            System.out.println("[jlama vs llama.cpp] " + PROMPT + " -> " + prompt.length + " tokens, identical; greedy "
                    + Arrays.toString(greedy) + " identical over " + NEW_TOKENS + " steps\n"
                    + generation.describe() + "\n" + continued.describe() + "\n"
                    + measured(scored, reference, referenceP, sequence, prompt.length));
            parityTestCompleted = true;
        }
    }

    /**
     * Measures what keeps the logits from fp32 allclose: the rebuilt llama.cpp rows are off by the factor
     * {@code sqrt(ms / (ms + eps))}, with {@code ms} the mean square entering the final RMS norm. Taking {@code ms}
     * from Jlama's pre-norm state (it cannot come from llama.cpp: the binding hides it) and applying that factor to
     * llama.cpp's rows turns the failing fp32 verdict into a passing one. This is a diagnosis, not the gate: the
     * gate ({@link #jlamaMatchesLlamaCppOnTheTinyLlama}) never feeds Jlama's numbers into the reference. If this
     * test starts failing because raw fp32 passes, the reference has become exact: tighten the gate to fp32.
     */
    @Test
    void logitsMissFp32OnlyByTheReferencesNormEpsilon(@RequiresModel("tiny-llama-hf") Path hf,
            @RequiresModel("tiny-llama-gguf-f32") Path gguf) {
        try (JlamaEngine jlama = JlamaEngine.load(hf); LlamaCppReference llama = LlamaCppReference.open(gguf)) {
            int[] prompt = llama.tokenize(PROMPT).tokens();
            int[] sequence = concat(prompt, Arrays.copyOf(jlama.run(prompt, NEW_TOKENS - 1).generated(),
                    NEW_TOKENS - 1));
            JlamaEngine.Run scored = jlama.run(sequence, 0);
            float[][] rebuilt = llama.logits(sequence);

            ParityVerdict raw = ParityEvaluator.positions(ToleranceProfile.FP32, scored.logits(), rebuilt, sequence);
            assertThat(raw.passed()).as("raw logits under fp32 (if this passes, the reference is exact now):\n%s",
                    raw.describe()).isFalse();
            assertThat(raw.failures()).extracting(MetricResult::metric).containsExactly("mismatch_ratio");

            float[][] corrected = new float[rebuilt.length][];
            double largestCorrection = 0;
            for (int p = 0; p < rebuilt.length; p++) {
                double ms = scored.preNormMeanSquares()[p];
                double factor = Math.sqrt(ms / (ms + jlama.normEpsilon()));
                largestCorrection = Math.max(largestCorrection, 1 - factor);
                corrected[p] = new float[rebuilt[p].length];
                for (int v = 0; v < rebuilt[p].length; v++) {
                    corrected[p][v] = (float) (rebuilt[p][v] * factor);
                }
            }
            // Measured: 0 of 13056 elements outside fp32 with Jlama's native provider, 1 (|d| 1.1e-5) with its Panama
            // provider, against ~1600 (12%) before the correction. Allow 0.1%: the point is the 100x drop.
            ParityVerdict fixed = ParityEvaluator.positions(ToleranceProfile.FP32.withMaxMismatchRatio(1e-3),
                    scored.logits(), corrected, sequence);
            assertThat(largestCorrection).as("the reconstruction's scale error is tiny").isLessThan(1e-4);
            assertThatVerdict(fixed).hasPassed();
            System.out.printf("[jlama vs llama.cpp, fp32 diagnosis] largest 1 - sqrt(ms/(ms+eps)) = %.3e%n  raw: %s%n"
                    + "  with the factor put back: %s%n", largestCorrection, raw.describe().replace("\n", "\n  "),
                    fixed.describe().replace("\n", "\n  "));
        }
    }

    /**
     * The same comparison against a deliberately damaged copy of the HF model: the {@code lm_head} row of the token
     * llama.cpp generates at step {@code NEW_TOKENS / 2} is zeroed, so Jlama cannot pick that token. The sequences
     * must part exactly where llama.cpp first picks it, and both the token assertion and the parity harness must
     * say so.
     */
    @Test
    void aDamagedJlamaModelFailsAtTheFirstPositionWhereLlamaCppPicksTheDamagedToken(
            @RequiresModel("tiny-llama-hf") Path hf, @RequiresModel("tiny-llama-gguf-f32") Path gguf,
            @TempDir Path tmp) throws IOException {
        try (LlamaCppReference llama = LlamaCppReference.open(gguf)) {
            int[] prompt = llama.tokenize(PROMPT).tokens();
            int[] reference = new LlamaCppGreedyIds(llama).generate(prompt, NEW_TOKENS);
            int damagedToken = reference[NEW_TOKENS / 2];
            int firstUse = Arrays.stream(reference).boxed().toList().indexOf(damagedToken);
            Path damaged = copyWithZeroedLmHeadRow(hf, tmp.resolve("damaged-hf"), damagedToken);

            try (JlamaEngine jlama = JlamaEngine.load(damaged)) {
                int[] actual = jlama.run(prompt, NEW_TOKENS).generated();
                String expected = "first divergence at position " + firstUse + ": actual token "
                        + (firstUse < actual.length ? actual[firstUse] : -1) + ", reference token " + damagedToken;
                assertThatThrownBy(() -> assertThatTokens(actual).isSameSequenceAs(reference))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining(expected);

                ParityRecord record = new ParityHarness(jlama.asParityEngine(), LlamaCppGreedyIds.parityEngine(llama),
                        ToleranceProfile.LLAMA_CPP_DEFAULT, null).check(new ParityInput("fox", prompt, NEW_TOKENS));
                assertThat(record.verdict().passed()).as(record.describe()).isFalse();
                assertThat(record.verdict().failures()).filteredOn(m -> m.metric().equals("greedy_identical"))
                        .singleElement().satisfies(m -> assertThat(m.detail()).isEqualTo(expected));
                System.out.println("[jlama vs llama.cpp, damaged lm_head row " + damagedToken + "]\n"
                        + record.describe());
            }
        }
    }

    /** Checks, after the parity test's receipt was written, that it lists Jlama's kernels and both fixtures. */
    @RegisterExtension
    static final AfterAllCallback RECEIPT_LISTS_JLAMA_KERNELS = context -> {
        if (!parityTestCompleted) {
            return; // the test failed or was deselected: its own outcome says so
        }
        Path dir = Path.of(context.getConfigurationParameter(EmitsReceipt.DIR_PARAMETER).orElse("target/receipts"));
        Receipt receipt = Receipt.read(dir.resolve(JlamaVsLlamaCppParityTest.class.getName())
                .resolve(PARITY_TEST + ".json"));
        assertThat(receipt.kernels()).as("kernels in %s", receipt.source()).isNotEmpty()
                .allMatch(id -> id.startsWith("jlama."))
                .anyMatch(id -> id.endsWith("batchDotProduct") || id.contains(".gemm"));
        assertThat(receipt.fixtures()).extracting(Receipt.FixtureEntry::name)
                .contains("tiny-llama-hf", "tiny-llama-gguf-f32");
        assertThat(receipt.section("parity")).as("parity section of %s", receipt.source()).hasValueSatisfying(p -> {
            assertThat(p.path("passed").asBoolean()).isTrue();
            assertThat(p.path("profile").asText()).isEqualTo("llama.cpp-default");
            assertThat(p.path("reference").path("name").asText()).isEqualTo("llama.cpp");
        });
    };

    /** What llama.cpp feeds for a prompt: BOS when the GGUF says add_bos_token, then {@code encode}'s ids. */
    private static int[] llamaCppModelInput(Path gguf, int[] prompt) throws IOException {
        Map<String, Object> meta = GgufReader.read(gguf).metadata();
        if (!Boolean.TRUE.equals(meta.get("tokenizer.ggml.add_bos_token"))) {
            return prompt;
        }
        return concat(new int[] {((Number) meta.get("tokenizer.ggml.bos_token_id")).intValue()}, prompt);
    }

    /** A copy of an HF model directory whose {@code lm_head.weight} row {@code token} is all zeros. */
    private static Path copyWithZeroedLmHeadRow(Path hf, Path out, int token) throws IOException {
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(hf)) {
            for (Path f : files.toList()) {
                Files.copy(f, out.resolve(f.getFileName().toString()));
            }
        }
        Path weights = out.resolve("model.safetensors");
        SafetensorsReader.TensorInfo head = SafetensorsReader.read(weights).tensors().get("lm_head.weight");
        assertThat(head).as("lm_head.weight in %s", weights).isNotNull();
        long rowBytes = 4 * head.shape()[1];
        try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
            long headerLength = Long.reverseBytes(file.readLong()); // safetensors: little-endian u64
            file.seek(8 + headerLength + head.begin() + token * rowBytes);
            file.write(new byte[Math.toIntExact(rowBytes)]);
        }
        return out;
    }

    private static String measured(JlamaEngine.Run jlama, float[][] reference, float[][] referenceP, int[] sequence,
            int promptLength) {
        double nmse = 0;
        double cosine = 1;
        double maxLogit = 0;
        double maxP = 0;
        double maxTokenP = 0;
        double maxTokenRel = 0;
        for (int p = 0; p < sequence.length; p++) {
            nmse = Math.max(nmse, Nmse.of(jlama.logits()[p], reference[p]));
            cosine = Math.min(cosine, CosineSimilarity.of(jlama.logits()[p], reference[p]));
            maxLogit = Math.max(maxLogit, MaxError.absolute(jlama.logits()[p], reference[p]).value());
            maxP = Math.max(maxP, MaxError.absolute(jlama.probabilities()[p], referenceP[p]).value());
            if (p >= promptLength - 1 && p + 1 < sequence.length) {
                int next = sequence[p + 1];
                double a = jlama.probabilities()[p][next];
                double r = referenceP[p][next];
                maxTokenP = Math.max(maxTokenP, Math.abs(a - r));
                maxTokenRel = Math.max(maxTokenRel, Math.abs(a - r) / r);
            }
        }
        return String.format("over %d positions: logits max NMSE %.3e, min cosine %.12f, max |dlogit| %.3e; "
                + "probabilities max |dp| %.3e; p(greedy token) max |dp| %.3e (relative %.3e)", sequence.length, nmse,
                cosine, maxLogit, maxP, maxTokenP, maxTokenRel);
    }

    private static float[][] softmax(float[][] logits) {
        float[][] out = new float[logits.length][];
        for (int p = 0; p < logits.length; p++) {
            double[] logProbs = LogSoftmax.of(Values.of(logits[p]));
            out[p] = new float[logProbs.length];
            for (int v = 0; v < logProbs.length; v++) {
                out[p][v] = (float) Math.exp(logProbs[v]);
            }
        }
        return out;
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] out = new float[rows.length * width];
        for (int p = 0; p < rows.length; p++) {
            System.arraycopy(rows[p], 0, out, p * width, width);
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
