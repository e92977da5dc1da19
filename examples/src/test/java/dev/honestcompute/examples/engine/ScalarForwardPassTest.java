package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ScalarForwardPassTest {

    /** |engine - float64| <= ATOL + RTOL * |float64|, element by element. */
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-5;

    @Test
    void scalarLogitsMatchAnIndependentFloat64ForwardPass() throws IOException {
        LlamaEngine engine = new LlamaEngine(LlamaModel.loadHf(TinyModels.hf()), ComputeBackend.scalar());
        float[][] actual = TinyModels.promptLogits(engine, TinyModels.PROMPT);
        double[][] expected = new Float64Llama(TinyLlamaSpec.tiny(TinyModels.SEED), TinyModels.hf())
                .logits(TinyModels.PROMPT);

        double worst = Double.NEGATIVE_INFINITY;
        String where = "";
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < expected[t].length; i++) {
                double excess = Math.abs(actual[t][i] - expected[t][i]) - (ATOL + RTOL * Math.abs(expected[t][i]));
                if (excess > worst || Double.isNaN(actual[t][i])) {
                    worst = Double.isNaN(actual[t][i]) ? Double.POSITIVE_INFINITY : excess;
                    where = "position " + t + ", logit " + i + ": engine " + actual[t][i] + ", float64 "
                            + expected[t][i];
                }
            }
        }
        System.out.printf("scalar vs float64: worst excess over tolerance %.3g (%s)%n", worst, where);
        assertThat(worst).as("worst excess over atol %s + rtol %s at %s", ATOL, RTOL, where).isLessThanOrEqualTo(0);
        // the logits are not trivially equal: the prompt positions really differ
        assertThat(actual[1]).isNotEqualTo(actual[2]);
    }

    @Test
    void theF32GgufGivesBitIdenticalLogitsOnceQkRowsAreUnpermuted() throws IOException {
        LlamaEngine fromHf = new LlamaEngine(LlamaModel.loadHf(TinyModels.hf()), ComputeBackend.scalar());
        LlamaEngine fromGguf = new LlamaEngine(LlamaModel.loadGguf(TinyModels.ggufF32()), ComputeBackend.scalar());
        assertThat(TinyModels.promptLogits(fromGguf, TinyModels.PROMPT))
                .isDeepEqualTo(TinyModels.promptLogits(fromHf, TinyModels.PROMPT));
    }

    @Test
    void generateIsGreedyOverForward() throws IOException {
        LlamaEngine engine = new LlamaEngine(LlamaModel.loadHf(TinyModels.hf()), ComputeBackend.scalar());
        int[] generated = engine.generate(TinyModels.PROMPT, 6);
        float[][] logits = TinyModels.promptLogits(engine, TinyModels.PROMPT);
        int expectedFirst = LlamaEngine.argmax(logits[logits.length - 1]);
        assertThat(generated).hasSize(6);
        assertThat(generated[0]).isEqualTo(expectedFirst);
        assertThat(engine.forward(generated[0])).satisfies(l -> assertThat(LlamaEngine.argmax(l)).isEqualTo(generated[1]));
    }

    @Test
    void rejectsTokensOutsideTheVocabularyAndAFullCache() throws IOException {
        LlamaModel model = LlamaModel.loadHf(TinyModels.hf());
        LlamaEngine engine = new LlamaEngine(model, ComputeBackend.scalar());
        assertThatThrownBy(() -> engine.forward(384)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 384 is outside the vocabulary [0, 384)");
        assertThatThrownBy(() -> engine.generate(new int[] {1}, 300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit the context of 256");
    }
}
