package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.parity.reference.EngineIdentity;
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

    /** The reference: the same engine on the scalar backend, over the same verified model. */
    public static final class ScalarReference implements ParityReference {
        @Override
        public ParityEngine open(ParityContext context) throws Exception {
            // the test's own @RequiresModel fixture: same lockfile, same cache, verified once
            LlamaModel weights = LlamaModel.loadHf(context.model("tiny-llama-hf").directory());
            return ParityEngine.of(new EngineIdentity("example-llama", "0.1.0", "scalar backend"),
                    in -> EngineOutput.logits(logits(new LlamaEngine(weights, ComputeBackend.scalar()), in.tokens())));
        }
    }

    static float[][] logits(LlamaEngine engine, int[] tokens) {
        engine.reset();
        float[][] out = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = engine.forward(tokens[i]);
        }
        return out;
    }

    @Test
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cpu-simd")
    @ParityWith(reference = ScalarReference.class, profile = "fp32")
    void simdLogitsMatchTheScalarBackend(Path model, ParityCheck parity) throws Exception {
        LlamaEngine simd = new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.simd());

        var record = parity.check(new ParityInput("tiny-prompt", TinyLlamaReceiptsTest.PROMPT, 0),
                in -> EngineOutput.logits(logits(simd, in.tokens())));

        assertThat(record.verdict().passed()).isTrue();
    }
}
