package dev.honestcompute.docs.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.honestcompute.fixtures.cache.ModelFixture;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.parity.ToleranceProfile;
import dev.honestcompute.parity.reference.EngineIdentity;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.honestcompute.parity.ParityAssertions.assertThatLogits;
import static dev.honestcompute.parity.ParityAssertions.assertThatTokens;

/** Samples for docs/parity.md. */
class ParitySample {

    // tag::logits[]
    @Test
    void simdLogitsMatchTheScalarReference() {
        float[] reference = {0.10f, -1.25f, 3.50f, 0.00f, 2.25f};
        float[] simd = {0.10000001f, -1.25f, 3.5000002f, 0.00f, 2.25f};

        assertThatLogits(simd).isCloseTo(reference, ToleranceProfile.FP32)
                .withCosineAtLeast(0.999)
                .withNmseAtMost(5e-4)
                .withSameArgmax();
    }
    // end::logits[]

    // tag::tokens[]
    @Test
    void greedyTokensAreIdentical() {
        assertThatTokens(new int[] {1, 300, 280, 317}).isSameSequenceAs(new int[] {1, 300, 280, 317});
    }
    // end::tokens[]

    // tag::parityWith[]
    /** The reference engine: logits accumulated in double, scaled by the model's RMS-norm epsilon from its config. */
    public static final class DoubleReference implements ParityReference {
        @Override
        public ParityEngine open(ParityContext context) throws Exception {
            // the test's own @RequiresModel fixture: same lockfile, same cache, verified once
            Path config = context.model("tiny-llama-hf").file("config.json");
            double eps = new ObjectMapper().readTree(config.toFile()).path("rms_norm_eps").asDouble();
            return ParityEngine.of(new EngineIdentity("double-sum", "1", config.toString()),
                    in -> EngineOutput.logits(referenceLogits(in.tokens(), eps)));
        }
    }

    @Test
    @RequiresModel("tiny-llama-hf")
    @ParityWith(reference = DoubleReference.class, profile = "fp32")
    void floatEngineMatchesTheDoubleReference(ModelFixture model, ParityCheck parity) throws Exception {
        double eps = new ObjectMapper().readTree(model.file("config.json").toFile()).path("rms_norm_eps").asDouble();

        parity.check(new ParityInput("prompt", new int[] {1, 30, 28, 17}, 0),
                in -> EngineOutput.logits(engineLogits(in.tokens(), eps)));
        // verdict, both identities and timings are in the test's receipt; failures go to parity-failures.jsonl
    }
    // end::parityWith[]

    static final int VOCAB = 32;

    /** The engine under test's kernel (float accumulation). */
    @Kernel(id = "docs.logits_f32", backend = "cpu")
    static float[][] engineLogits(int[] tokens, double eps) {
        return logits(tokens, eps, false);
    }

    /** The reference's own kernel (double accumulation): never counted as the engine's evidence. */
    @Kernel(id = "docs.logits_f64", backend = "cpu")
    static float[][] referenceLogits(int[] tokens, double eps) {
        return logits(tokens, eps, true);
    }

    /** A toy "engine" over a 32-token vocabulary: running sums of sin(token * v), accumulated in double (reference) or float. */
    static float[][] logits(int[] tokens, double eps, boolean inDouble) {
        float[][] out = new float[tokens.length][VOCAB];
        for (int v = 0; v < VOCAB; v++) {
            double d = 0;
            float f = 0;
            for (int i = 0; i < tokens.length; i++) {
                double term = Math.sin(tokens[i] * (v + 1) * 0.01) * (1 + eps);
                d += term;
                f += (float) term;
                out[i][v] = inDouble ? (float) d : f;
            }
        }
        return out;
    }
}
