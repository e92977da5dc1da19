package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.honestcompute.fixtures.generator.Q8_0;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Q8_0BackendTest {

    /** BitNet.rs's gate for quantized vs FP32 logits. */
    static final double MIN_COSINE = 0.99;

    /** Share of teacher-forced greedy steps whose top-1 token must agree with F32. */
    static final double MIN_TOP1_AGREEMENT = 0.9;

    /**
     * Teacher-forced along the F32 greedy path (prompt + 32 tokens): at every step the Q8_0 logits must have
     * cosine >= 0.99 with F32, and the greedy tokens must agree except at near-ties, where the F32 gap between the
     * two candidates is smaller than the quantization error observed at that step. A systematic error (wrong
     * block layout, wrong scale) breaks both.
     */
    @Test
    void q8_0LogitsFromTheQ8_0GgufStayCloseToF32AndGreedyTokensAgreeExceptAtNearTies() throws IOException {
        LlamaModel f32 = LlamaModel.loadHf(TinyModels.hf());
        LlamaModel q8 = LlamaModel.loadGguf(TinyModels.ggufQ8_0());
        assertThat(q8.quantizedSource()).isTrue();
        int steps = 32;
        int[] path = new LlamaEngine(f32, ComputeBackend.scalar()).generate(TinyModels.PROMPT, steps);
        LlamaEngine reference = new LlamaEngine(f32, ComputeBackend.scalar());
        LlamaEngine quantized = new LlamaEngine(q8, ComputeBackend.q8_0());
        float[] expected = null;
        float[] actual = null;
        for (int t : TinyModels.PROMPT) {
            expected = reference.forward(t);
            actual = quantized.forward(t);
        }
        double minCosine = 1;
        double maxDiff = 0;
        int agree = 0;
        for (int step = 0; step < steps; step++) {
            double cos = Logits.cosine(actual, expected);
            double diff = Logits.maxAbsDiff(new float[][] {actual}, new float[][] {expected});
            assertThat(cos).as("logits cosine at generated step %d", step).isGreaterThanOrEqualTo(MIN_COSINE);
            int want = LlamaEngine.argmax(expected);
            int got = LlamaEngine.argmax(actual);
            assertThat(want).as("F32 greedy path at step %d", step).isEqualTo(path[step]);
            if (want == got) {
                agree++;
            } else {
                assertThat((double) expected[want] - expected[got])
                        .as("step %d: Q8_0 picked %d over F32's %d; only a near-tie (F32 gap below the observed "
                                + "quantization error %.4f) may flip", step, got, want, diff)
                        .isLessThan(diff);
            }
            minCosine = Math.min(minCosine, cos);
            maxDiff = Math.max(maxDiff, diff);
            expected = reference.forward(path[step]);
            actual = quantized.forward(path[step]);
        }
        System.out.printf("q8_0 vs f32 over %d greedy steps: min cosine %.6f, max |diff| %.3g, top-1 agreement %d/%d%n",
                steps, minCosine, maxDiff, agree, steps);
        assertThat((double) agree / steps).as("top-1 agreement").isGreaterThanOrEqualTo(MIN_TOP1_AGREEMENT);
        // quantization really changed the numbers: the Q8_0 path is not secretly F32
        assertThat(maxDiff).isGreaterThan(1e-3);
    }

    @Test
    void q8_0BlocksFromTheGgufAreTheGgmlQuantizationOfTheF32Weights() throws IOException {
        LlamaModel f32 = LlamaModel.loadHf(TinyModels.hf());
        LlamaModel q8 = LlamaModel.loadGguf(TinyModels.ggufQ8_0());
        WeightMatrix fromFile = q8.layers().get(1).wq();
        assertThat(fromFile.q8_0IfPresent()).isNotNull();
        assertThat(fromFile.q8_0IfPresent()).isEqualTo(f32.layers().get(1).wq().q8_0());
    }

    @Test
    void q8_0MatmulEqualsF32MatmulOverTheDequantizedWeights() {
        Random rnd = new Random(3);
        int rows = 6;
        int cols = 96;
        float[] w = new float[rows * cols];
        float[] x = new float[cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() * (i % 7 == 0 ? 10 : 1);
        }
        for (int i = 0; i < cols; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        byte[] blocks = Q8_0.quantize(w);
        float[] dequantized = Q8_0.dequantize(ByteBuffer.wrap(blocks), w.length);
        float[] expected = new float[rows];
        float[] actual = new float[rows];
        ScalarKernels.matmul(dequantized, rows, cols, x, expected);
        Q8_0Kernels.matmul(blocks, rows, cols, x, actual);
        assertThat(Logits.firstMismatch(new float[][] {actual}, new float[][] {expected}, 1e-4, 1e-5)).isNull();
    }

    @Test
    void aMatrixWhoseRowsAreNotWholeQ8_0BlocksIsRefusedByName() {
        WeightMatrix odd = new WeightMatrix("blk.0.odd.weight", 2, 40, new float[80], null);
        org.assertj.core.api.Assertions.assertThatThrownBy(odd::q8_0).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("blk.0.odd.weight").hasMessageContaining("40 columns");
    }
}
