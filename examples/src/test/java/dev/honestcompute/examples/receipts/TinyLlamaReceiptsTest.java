package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern users copy: every production-path test names its verified model ({@code @RequiresModel}) and emits a
 * receipt ({@code @EmitsReceipt}) whose kernels come only from the recorder agent. The receipts land in
 * {@code target/receipts/}; the run ends with {@code run-summary.json}, {@code index.html} and {@code summary.md}.
 */
class TinyLlamaReceiptsTest {

    static final int[] PROMPT = {1, 300, 280, 317, 265, 330, 290};
    static final int NEW_TOKENS = 8;

    @Test
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cpu")
    void scalarBackendGeneratesOnTheCpu(Path model) throws Exception {
        int[] tokens = new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.scalar()).generate(PROMPT, NEW_TOKENS);

        assertThat(tokens).hasSize(NEW_TOKENS);
        assertThat(java.util.Arrays.stream(tokens).boxed()).allSatisfy(t -> assertThat(t).isBetween(0, 383));
    }

    @Test
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cpu-simd")
    void simdBackendRunsVectorKernelsAndAgreesWithScalar(Path model) throws Exception {
        LlamaModel weights = LlamaModel.loadHf(model);
        int[] simd = new LlamaEngine(weights, ComputeBackend.simd()).generate(PROMPT, NEW_TOKENS);
        int[] scalar = new LlamaEngine(weights, ComputeBackend.scalar()).generate(PROMPT, NEW_TOKENS);

        assertThat(simd).as("greedy tokens, SIMD vs scalar").containsExactly(scalar);
    }

    /** The quantization claim is checked (HC020): the receipt fails unless an observed kernel is a q8_0 kernel. */
    @Test
    @RequiresModel("tiny-llama-gguf-q8_0")
    @EmitsReceipt(backend = "cpu", quantization = "q8_0")
    void q8ZeroBackendRunsTheQuantizedMatmul(Path gguf) throws Exception {
        int[] tokens = new LlamaEngine(LlamaModel.loadGguf(gguf), ComputeBackend.q8_0()).generate(PROMPT, NEW_TOKENS);

        assertThat(tokens).hasSize(NEW_TOKENS);
    }

    @Test
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cuda", allowFallback = true)
    void cudaRequestedWithAnExplicitlyAllowedFallback(Path model) throws Exception {
        LlamaModel weights = LlamaModel.loadHf(model);
        ComputeBackend cuda = ComputeBackend.cuda();
        int[] tokens = new LlamaEngine(weights, cuda).generate(PROMPT, NEW_TOKENS);

        // On a GPU machine this runs cuda kernels; here the receipt shows the fallback and its reason code.
        assertThat(cuda.effectiveBackend()).isIn("cuda", "cpu-simd");
        assertThat(tokens).containsExactly(new LlamaEngine(weights, ComputeBackend.simd()).generate(PROMPT, NEW_TOKENS));
    }
}
