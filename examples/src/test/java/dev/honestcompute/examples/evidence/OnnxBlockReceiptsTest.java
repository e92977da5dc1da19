package dev.honestcompute.examples.evidence;

import ai.onnxruntime.OrtException;
import dev.honestcompute.examples.onnx.JavaBlockReference;
import dev.honestcompute.examples.onnx.OnnxBlockEngine;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern users copy for an ONNX Runtime engine: create the session inside the test (ONNX Runtime can only
 * profile a session from its creation), and the receipt's kernels are ORT's own nodes ({@code ort.MatMul} on
 * {@code cpu}, ...) from its session profile, with {@code source} {@code onnxruntime-profiler}.
 */
class OnnxBlockReceiptsTest {

    static final int[] PROMPT = {1, 17, 42, 5, 63, 8, 30};

    static float[][] logits(OnnxBlockEngine engine, int[] tokens) {
        try {
            return engine.logits(tokens);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + tokens.length + " tokens: " + e.getMessage(), e);
        }
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    @EmitsReceipt(backend = "cpu")
    void theBlockRunsOnOnnxRuntimesCpuProvider(Path onnx) throws Exception {
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
            assertThat(engine.logits(PROMPT)).hasDimensions(PROMPT.length, 64);
        }
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    @EmitsReceipt(backend = "cpu")
    @ParityWith(reference = JavaBlockReference.class, profile = "fp32")
    void onnxRuntimeMatchesThePlainJavaForwardPass(Path onnx, ParityCheck parity) throws Exception {
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
            var record = parity.check(new ParityInput("tiny-block-prompt", PROMPT, 0),
                    in -> EngineOutput.logits(logits(engine, in.tokens())));
            assertThat(record.verdict().passed()).isTrue();
        }
    }

    /** On a CUDA host this runs CUDA nodes; here the receipt shows the fallback ORT's profile proves, allowed. */
    @Test
    @RequiresModel("tiny-onnx-block")
    @EmitsReceipt(backend = "cuda", allowFallback = true)
    void cudaRequestedWithAnExplicitlyAllowedFallback(Path onnx) throws Exception {
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CUDA_OR_CPU)) {
            assertThat(engine.logits(PROMPT)).hasDimensions(PROMPT.length, 64);
        }
    }
}
