package dev.honestcompute.parity.reference;

import static dev.honestcompute.parity.ParityAssertions.assertThatLogits;
import static dev.honestcompute.parity.ParityAssertions.assertThatTokens;
import static dev.honestcompute.parity.ParityAssertions.assertThatVerdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.MetricResult;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityEvaluator;
import dev.honestcompute.parity.ParityHarness;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityRecord;
import dev.honestcompute.parity.ParityVerdict;
import dev.honestcompute.parity.ToleranceProfile;
import dev.honestcompute.parity.metrics.Argmax;
import dev.honestcompute.parity.metrics.KendallTau;
import dev.honestcompute.parity.metrics.Values;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama.cpp (de.kherud:llama) on the generated tiny llama: F32 against itself and against Q8_0. */
class LlamaCppReferenceTest {

    private static final String PROMPT = "The quick brown fox jumps over the lazy dog";

    @TempDir
    static Path dir;

    static LlamaCppReference f32;
    static LlamaCppReference q8;

    @BeforeAll
    static void load() throws Exception {
        TinyLlamaGenerator.GeneratedModel m = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(7), dir.resolve("model"));
        f32 = LlamaCppReference.open(m.file(TinyLlamaGenerator.GGUF_F32));
        q8 = LlamaCppReference.open(m.file(TinyLlamaGenerator.GGUF_Q8_0));
    }

    @AfterAll
    static void close() {
        if (f32 != null) {
            f32.close();
        }
        if (q8 != null) {
            q8.close();
        }
    }

    @Test
    void tokenizesAndDetokenizes() {
        int[] tokens = f32.tokenize(PROMPT).tokens();
        assertThat(tokens).isNotEmpty();
        assertThat(Arrays.stream(tokens).allMatch(t -> t >= 0 && t < f32.vocabularySize())).isTrue();
        assertThat(f32.detokenize(tokens).strip()).isEqualTo(PROMPT);
        assertThatTokens(q8.tokenize(PROMPT).tokens()).isSameSequenceAs(tokens);
        assertThat(f32.identity().detail()).contains("sha256:").contains(TinyLlamaGenerator.GGUF_F32);
    }

    @Test
    void reconstructedLogitsPredictTheTokenLlamaCppGeneratesGreedily() {
        int[] prompt = f32.tokenize(PROMPT).tokens();
        float[][] logits = f32.logits(prompt);
        assertThat(logits).hasNumberOfRows(prompt.length);
        assertThat(logits[0]).hasSize(f32.vocabularySize());
        Generation g = f32.generateGreedy(PROMPT, 4, 0);
        assertThat(g.pieces()).hasSize(4);
        int argmax = Argmax.of(Values.of(logits[prompt.length - 1]));
        // the reconstruction is only trustworthy if llama.cpp's own greedy choice is its argmax
        assertThat(f32.detokenize(new int[] {argmax})).isEqualTo(g.pieces().get(0));
    }

    @Test
    void f32AgainstItselfPassesTheFp32Profile() {
        int[] prompt = f32.tokenize(PROMPT).tokens();
        float[][] first = f32.logits(prompt);
        float[][] second = f32.logits(prompt);
        for (int i = 0; i < prompt.length; i++) {
            assertThatLogits(second[i]).isCloseTo(first[i], ToleranceProfile.FP32);
        }
        assertThat(f32.generateGreedy(PROMPT, 6, 0).pieces()).isEqualTo(f32.generateGreedy(PROMPT, 6, 0).pieces());
    }

    @Test
    void q8AgainstF32PassesTheQuantizedProfileButNotFp32() {
        int[] prompt = f32.tokenize(PROMPT).tokens();
        float[][] reference = f32.logits(prompt);
        float[][] quantized = q8.logits(prompt);
        for (int i = 0; i < prompt.length; i++) {
            assertThatLogits(quantized[i]).isCloseTo(reference[i], ToleranceProfile.QUANTIZED_VS_FP32);
            assertThat(KendallTau.tauB(quantized[i], reference[i])).isLessThan(1.0);
        }
        // ΔNLL, scored on the F32 model's own greedy continuation. Measured finding: on this 64-wide random-weight
        // model Q8_0 costs |ΔNLL| ~0.04 nats/token, above the BitNet.rs gate of 2e-2 (calibrated on real models),
        // so the default gate fails here and the test overrides it explicitly; the override shows in the verdict.
        String continued = PROMPT + f32.generateGreedy(PROMPT, 8, 0).text();
        int[] all = f32.tokenize(continued).tokens();
        int from = prompt.length - 1;
        Values[] refRows = rows(Arrays.copyOfRange(f32.logits(all), from, all.length - 1));
        Values[] quantRows = rows(Arrays.copyOfRange(q8.logits(all), from, all.length - 1));
        int[] targets = Arrays.copyOfRange(all, from + 1, all.length);
        ParityVerdict strict = ParityEvaluator.sequence(ToleranceProfile.QUANTIZED_VS_FP32, quantRows, refRows, targets);
        assertThat(strict.passed()).as(strict.describe()).isFalse();
        assertThat(strict.failures()).extracting(m -> m.metric()).containsExactly("delta_nll");
        ToleranceProfile tinyModel = ToleranceProfile.QUANTIZED_VS_FP32.withAbsDeltaNllAtMost(0.1);
        ParityVerdict relaxed = ParityEvaluator.sequence(tinyModel, quantRows, refRows, targets);
        assertThatVerdict(relaxed).hasPassed();
        assertThat(relaxed.profile()).isEqualTo("quantized-vs-fp32 (overridden: maxAbsDeltaNll)");
        assertThat(Math.abs(relaxed.metrics().get(0).value())).isBetween(1e-4, 0.1);
        assertThatThrownBy(() -> assertThatLogits(quantized[prompt.length - 1]).isCloseTo(
                reference[prompt.length - 1], ToleranceProfile.FP32))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Mismatched elements:");
    }

    @Test
    void refusesProbabilitiesThatWouldAbortTheJvm() {
        assertThatThrownBy(() -> f32.generateGreedy(PROMPT, 2, 2))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("GGML_ASSERT")
                .hasMessageContaining("tokenProbabilities");
        double[] p = f32.tokenProbabilities(f32.tokenize(PROMPT).tokens());
        assertThat(p).hasSize(f32.tokenize(PROMPT).tokens().length - 1);
        assertThat(Arrays.stream(p).allMatch(v -> v > 0 && v < 1)).as(Arrays.toString(p)).isTrue();
    }

    @Test
    void rejectsBadInputClearly() {
        assertThatThrownBy(() -> f32.logits(new int[] {5, 100_000}))
                .hasMessageContaining("token 100000 at position 1 is outside the vocabulary");
        assertThatThrownBy(() -> f32.logits(new int[0])).hasMessageContaining("tokens is empty");
        assertThatThrownBy(() -> LlamaCppReference.open(dir.resolve("missing.gguf")))
                .hasMessageContaining("missing.gguf does not exist");
    }

    @Test
    void harnessAgainstLlamaCppPassesItselfAndPointsAtDeliberateDamage() {
        int[] prompt = f32.tokenize(PROMPT).tokens();
        ParityInput input = new ParityInput("fox", prompt, 0);
        ParityEngine reference = ParityEngine.of(f32);
        ParityRecord same = new ParityHarness(ParityEngine.of(f32), reference, ToleranceProfile.FP32, null).check(input);
        assertThatVerdict(same.verdict()).hasPassed();
        assertThat(same.reference().engine().name()).isEqualTo("llama.cpp");
        assertThat(same.reference().nanos()).isPositive();

        ParityEngine offByALittle = ParityEngine.of(new EngineIdentity("perturbed", "1", "one logit +1e-3"), in -> {
            float[][] l = f32.logits(in.tokens());
            l[2][100] += 1e-3f;
            return EngineOutput.logits(l);
        });
        ParityRecord little = new ParityHarness(offByALittle, reference, ToleranceProfile.FP32, null).check(input);
        assertThat(little.verdict().failures()).singleElement().satisfies(m -> {
            assertThat(m.metric()).isEqualTo("mismatch_ratio");
            assertThat(m.detail()).startsWith("1 / " + prompt.length * f32.vocabularySize() + " outside")
                    .contains("at index [2, 100]");
        });

        ParityEngine zeroedTail = ParityEngine.of(new EngineIdentity("zeroed", "1", "last position all zeros"), in -> {
            float[][] l = f32.logits(in.tokens());
            Arrays.fill(l[l.length - 1], 0f);
            return EngineOutput.logits(l);
        });
        ParityRecord zeroed = new ParityHarness(zeroedTail, reference,
                ToleranceProfile.FP32_VS_FP32, null).check(input);
        assertThat(zeroed.verdict().failures()).extracting(MetricResult::metric)
                .contains("kendall_tau_b", "argmax_agreement");
        assertThat(zeroed.verdict().describe())
                .contains("at position " + (prompt.length - 1))
                .contains("first disagreement at position " + (prompt.length - 1));
    }

    private static Values[] rows(float[][] logits) {
        return Arrays.stream(logits).map(Values::of).toArray(Values[]::new);
    }
}
