package dev.honestcompute.examples.evidence;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.honestcompute.examples.onnx.OnnxBlockEngine;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** Tests that must fail, run only inside EngineTestKit by {@link NativeEvidenceDemosTest}; excluded from Surefire. */
final class NativeEvidenceDemosTestCases {

    private NativeEvidenceDemosTestCases() {
    }

    /** Asks ONNX Runtime for CUDA; the engine quietly carries on with the CPU provider when CUDA is missing. */
    static class OnnxCudaRequired {
        @Test
        @RequiresModel("tiny-onnx-block")
        @EmitsReceipt(backend = "cuda")
        void requiresCudaWithoutAllowingFallback(Path onnx) throws Exception {
            try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CUDA_OR_CPU)) {
                engine.logits(OnnxBlockReceiptsTest.PROMPT);
            }
        }
    }

    /** The session is created before the window: ONNX Runtime cannot profile it any more. */
    static class OnnxSessionCreatedBeforeTheTest {
        static OnnxBlockEngine engine;

        @BeforeAll
        static void open() throws Exception {
            engine = OnnxBlockEngine.open(Path.of("../fixtures/models/tiny-block/tiny-block.onnx"),
                    OnnxBlockEngine.Provider.CPU);
        }

        @AfterAll
        static void close() throws Exception {
            engine.close();
        }

        @Test
        @EmitsReceipt(backend = "cpu")
        void runsASessionMadeOutsideTheWindow() throws Exception {
            engine.logits(OnnxBlockReceiptsTest.PROMPT);
        }
    }

    /** Asks llama.cpp for GPU layers on the CPU-only de.kherud build. */
    static class LlamaCppGpuLayersRequired {
        @Test
        @RequiresModel("tiny-llama-gguf-f32")
        @EmitsReceipt(backend = "cuda")
        void requiresGpuLayers(Path gguf) {
            try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setGpuLayers(99)
                    .setCtxSize(64))) {
                model.complete(new InferenceParameters("hello").setNPredict(2).setTemperature(0));
            }
        }
    }

    static class OnnxCpuHonest {
        @Test
        @RequiresModel("tiny-onnx-block")
        @EmitsReceipt(backend = "cpu")
        void runsOnTheCpuProvider(Path onnx) throws Exception {
            try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
                engine.logits(OnnxBlockReceiptsTest.PROMPT);
            }
        }
    }
}
