package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimdBackendTest {

    /** torch.testing.assert_close's fp32 defaults. */
    static final double ATOL = 1e-5;
    static final double RTOL = 1.3e-6;

    @Test
    void simdLogitsMatchScalarWithinFp32Tolerance() throws IOException {
        LlamaModel model = LlamaModel.loadHf(TinyModels.hf());
        float[][] scalar = TinyModels.promptLogits(new LlamaEngine(model, ComputeBackend.scalar()), TinyModels.PROMPT);
        float[][] simd = TinyModels.promptLogits(new LlamaEngine(model, ComputeBackend.simd()), TinyModels.PROMPT);
        System.out.printf("simd vs scalar: max |diff| %.3g over %d positions (%d lanes)%n",
                Logits.maxAbsDiff(simd, scalar), simd.length, SimdKernels.lanes());
        assertThat(Logits.firstMismatch(simd, scalar, ATOL, RTOL)).isNull();
        assertThat(new LlamaEngine(model, ComputeBackend.simd()).generate(TinyModels.PROMPT, 8))
                .isEqualTo(new LlamaEngine(model, ComputeBackend.scalar()).generate(TinyModels.PROMPT, 8));
    }

    /** The first (interpreted) run and a run after JIT warm-up give the same bits: reductions have a fixed order. */
    @Test
    void simdLogitsAreBitReproducibleBeforeAndAfterJitWarmUp() throws IOException {
        LlamaEngine engine = new LlamaEngine(LlamaModel.loadHf(TinyModels.hf()), ComputeBackend.simd());
        float[][] cold = TinyModels.promptLogits(engine, TinyModels.PROMPT);
        for (int i = 0; i < 300; i++) {
            TinyModels.promptLogits(engine, TinyModels.PROMPT);
        }
        assertThat(TinyModels.promptLogits(engine, TinyModels.PROMPT)).isDeepEqualTo(cold);
    }

    @Test
    void simdKernelsHandleSizesThatAreNotAMultipleOfTheLaneCount() {
        Random rnd = new Random(7);
        for (int cols : new int[] {1, 7, 8, 9, 17, 33, 64, 100}) {
            int rows = 5;
            float[] w = random(rnd, rows * cols);
            float[] x = random(rnd, cols);
            float[] expected = new float[rows];
            float[] actual = new float[rows];
            ScalarKernels.matmul(w, rows, cols, x, expected);
            SimdKernels.matmul(w, rows, cols, x, actual);
            assertThat(Logits.firstMismatch(new float[][] {actual}, new float[][] {expected}, ATOL, RTOL))
                    .as("matmul with %d columns", cols).isNull();

            float[] weight = random(rnd, cols);
            ScalarKernels.rmsnorm(x, weight, 1e-5f, expected = new float[cols]);
            SimdKernels.rmsnorm(x, weight, 1e-5f, actual = new float[cols]);
            assertThat(Logits.firstMismatch(new float[][] {actual}, new float[][] {expected}, ATOL, RTOL))
                    .as("rmsnorm of %d values", cols).isNull();

            float[] s1 = x.clone();
            float[] s2 = x.clone();
            ScalarKernels.softmax(s1, cols);
            SimdKernels.softmax(s2, cols);
            assertThat(Logits.firstMismatch(new float[][] {s2}, new float[][] {s1}, 1e-7, 1e-5))
                    .as("softmax of %d values", cols).isNull();
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
