package dev.honestcompute.examples.onnx;

import ai.onnxruntime.OrtException;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** Test cases that must fail, run only inside EngineTestKit by {@link OnnxBlockParityTest}; excluded from Surefire. */
final class OnnxBlockParityTestCases {

    private OnnxBlockParityTestCases() {
    }

    static float[][] logits(OnnxBlockEngine engine, int[] tokens) {
        try {
            return engine.logits(tokens);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + tokens.length + " tokens: " + e.getMessage(), e);
        }
    }

    /** ONNX Runtime's output with one logit moved by 1e-3: what a wrong kernel in one lane looks like. */
    static class OffByOneLogit {
        @Test
        @RequiresModel("tiny-onnx-block")
        @ParityWith(reference = JavaBlockReference.class, profile = "fp32")
        void perturbedEngine(Path onnx, ParityCheck parity) throws Exception {
            try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
                parity.check(new ParityInput("tiny-block-prompt", OnnxBlockParityTest.PROMPT, 0), in -> {
                    float[][] out = logits(engine, in.tokens());
                    out[3][7] += 1e-3f;
                    return EngineOutput.logits(out);
                });
            }
        }
    }
}
