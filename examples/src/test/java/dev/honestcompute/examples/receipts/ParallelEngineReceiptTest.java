package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaConfig;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-threaded engine path under JUnit parallel execution: four tests at once, each generating with the
 * {@code parallel-simd} backend, whose matmul row blocks run on the ForkJoin common pool. Every test's receipt counts
 * exactly its own blocks (the analytic count from the model's shapes), none of another test's, and nothing is
 * background: the recorder carries each test's context into the pool tasks its parallel streams create.
 */
@Execution(ExecutionMode.CONCURRENT)
class ParallelEngineReceiptTest {

    private static final String ROWS = "matmul_f32_simd_rows";
    private static final int BLOCK = 16;

    @ParameterizedTest(name = "prompt of {0} tokens")
    @ValueSource(ints = {3, 5, 7, 9})
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cpu-simd")
    void parallelMatmulBlocksAreAttributedExactly(int promptLength, Path model) throws Exception {
        LlamaModel weights = LlamaModel.loadHf(model);
        int[] prompt = Arrays.copyOf(TinyLlamaReceiptsTest.PROMPT, promptLength);
        prompt[0] = 1;
        for (int i = 1; i < promptLength; i++) {
            prompt[i] = 260 + 11 * i;
        }
        int newTokens = 6;
        try (KernelWindow generation = KernelRecorder.openWindow("generation", true)) {
            int[] parallel = new LlamaEngine(weights, ComputeBackend.parallelSimd()).generate(prompt, newTokens);
            generation.close();
            assertThat(parallel).as("greedy tokens, parallel vs sequential SIMD")
                    .containsExactly(new LlamaEngine(weights, ComputeBackend.simd()).generate(prompt, newTokens));
            long forwards = promptLength + newTokens - 1;
            assertThat(calls(generation, ROWS)).as("row blocks of %d forward passes", forwards)
                    .isEqualTo(forwards * blocksPerForward(weights.config()));
            assertThat(generation.observations().backgroundCalls()).isZero();
        }
    }

    /** Kernel calls of {@code matmul_f32_simd_rows} in one forward pass: every matmul's rows in blocks of 16. */
    static long blocksPerForward(LlamaConfig c) {
        long perLayer = blocks(c.hidden()) + 2 * blocks(c.kvDim()) + blocks(c.hidden()) + 2 * blocks(c.intermediate())
                + blocks(c.hidden());
        return c.layers() * perLayer + blocks(c.vocab());
    }

    private static long blocks(int rows) {
        return (rows + BLOCK - 1) / BLOCK;
    }

    private static long calls(KernelWindow window, String id) {
        return window.observations().kernels().stream().filter(k -> k.id().equals(id))
                .mapToLong(KernelStats::calls).sum();
    }
}
