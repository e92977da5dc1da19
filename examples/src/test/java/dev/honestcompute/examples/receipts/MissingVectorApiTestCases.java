package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.recorder.Backend;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** Run by {@link MissingVectorApiProcessTest} in a JVM without {@code --add-modules jdk.incubator.vector}. */
final class MissingVectorApiTestCases {

    private MissingVectorApiTestCases() {
    }

    static class SimdEngine {
        @Test
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void generatesWithTheVectorApiBackend(Path model) throws Exception {
            new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.simd()).generate(TinyLlamaReceiptsTest.PROMPT, 4);
        }
    }
}
