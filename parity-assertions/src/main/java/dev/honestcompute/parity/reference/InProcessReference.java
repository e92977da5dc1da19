package dev.honestcompute.parity.reference;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A reference engine that is plain Java in the same JVM: typically a scalar or float64 implementation used as
 * the reference for a SIMD or quantized one. It gives per-position logits; everything else is reported as
 * unsupported.
 *
 * <pre>{@code
 * ReferenceEngine scalar = InProcessReference.ofLogits(
 *         new EngineIdentity("my-engine-scalar", "1.0", "float64 reference path"),
 *         tokens -> scalarEngine.logitsPerPosition(tokens));
 * }</pre>
 */
public final class InProcessReference implements ReferenceEngine {

    private final EngineIdentity identity;
    private final Function<int[], float[][]> logits;

    private InProcessReference(EngineIdentity identity, Function<int[], float[][]> logits) {
        this.identity = Objects.requireNonNull(identity, "identity must not be null");
        this.logits = Objects.requireNonNull(logits, "logits function must not be null");
    }

    /** A reference from a function of token ids to logits {@code [position][vocab]}. */
    public static InProcessReference ofLogits(EngineIdentity identity, Function<int[], float[][]> logits) {
        return new InProcessReference(identity, logits);
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FULL_LOGITS);
    }

    @Override
    public Tokenization tokenize(String text) {
        throw new UnsupportedCapabilityException(Capability.TOKENIZE, identity.name() + " is an in-process logits "
                + "reference; tokenize with the engine's own tokenizer or a llama.cpp reference");
    }

    @Override
    public Generation generateGreedy(int[] promptTokens, int maxTokens, int topProbabilities) {
        throw new UnsupportedCapabilityException(Capability.GREEDY_TOKEN_IDS, identity.name()
                + " is an in-process logits reference; compare logits (argmax agreement) instead");
    }

    @Override
    public Generation generateGreedy(String prompt, int maxTokens, int topProbabilities) {
        throw new UnsupportedCapabilityException(Capability.GREEDY_TOKEN_PIECES, identity.name()
                + " is an in-process logits reference; compare logits (argmax agreement) instead");
    }

    @Override
    public float[][] logits(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        float[][] out = logits.apply(tokens.clone());
        if (out == null) {
            throw new ReferenceEngineException(identity.name() + " returned null logits for " + tokens.length
                    + " tokens");
        }
        return out;
    }
}
