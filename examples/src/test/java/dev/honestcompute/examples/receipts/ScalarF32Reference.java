package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.reference.EngineIdentity;

/**
 * A {@code @ParityWith} reference: this project's engine on its scalar backend over the F32 weights of the test's own
 * {@code @RequiresModel("tiny-llama-hf")} fixture (same lockfile, same cache, verified once).
 */
public final class ScalarF32Reference implements ParityReference {

    @Override
    public ParityEngine open(ParityContext context) throws Exception {
        LlamaModel weights = LlamaModel.loadHf(context.model("tiny-llama-hf").directory());
        return ParityEngine.of(new EngineIdentity("example-llama", "0.1.0", "scalar backend, F32 weights"),
                in -> EngineOutput.logits(logits(new LlamaEngine(weights, ComputeBackend.scalar()), in.tokens())));
    }

    /** The logits after each of {@code tokens}, fed one by one from a fresh sequence. */
    static float[][] logits(LlamaEngine engine, int[] tokens) {
        engine.reset();
        float[][] out = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = engine.forward(tokens[i]);
        }
        return out;
    }
}
