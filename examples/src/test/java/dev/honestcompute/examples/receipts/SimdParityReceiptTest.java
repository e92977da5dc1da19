package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
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
 * {@code @ParityWith}: the SIMD backend against the scalar reference backend under the fp32 profile. The verdict,
 * both engines' identities and timings land in the receipt's {@code parity} section; a failure is appended with its
 * full input to {@code target/receipts/parity-failures.jsonl}.
 */
class SimdParityReceiptTest {

    @Test
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cpu-simd")
    @ParityWith(reference = ScalarF32Reference.class, profile = "fp32")
    void simdLogitsMatchTheScalarBackend(Path model, ParityCheck parity) throws Exception {
        LlamaEngine simd = new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.simd());

        var record = parity.check(new ParityInput("tiny-prompt", TinyLlamaReceiptsTest.PROMPT, 0),
                in -> EngineOutput.logits(ScalarF32Reference.logits(simd, in.tokens())));

        assertThat(record.verdict().passed()).isTrue();
    }
}
