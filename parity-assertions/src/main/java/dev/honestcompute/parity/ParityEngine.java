package dev.honestcompute.parity;

import dev.honestcompute.parity.reference.Capability;
import dev.honestcompute.parity.reference.EngineIdentity;
import dev.honestcompute.parity.reference.ReferenceEngine;
import java.util.Objects;
import java.util.function.Function;

/**
 * One side of a parity comparison as the {@link ParityHarness} sees it: the engine under test or the reference.
 *
 * <pre>{@code
 * ParityEngine underTest = ParityEngine.of(new EngineIdentity("my-engine", "1.0", "simd"),
 *         input -> EngineOutput.logits(myEngine.logits(input.tokens())));
 * ParityEngine reference = ParityEngine.of(llamaCpp);   // any ReferenceEngine
 * }</pre>
 */
public interface ParityEngine {

    /** Who this engine is, as written into verdict records. */
    EngineIdentity identity();

    /** Runs the engine on {@code input}. */
    EngineOutput run(ParityInput input) throws Exception;

    /**
     * The object that computes: the {@link ReferenceEngine} or function this engine wraps, or this engine itself. A
     * parity check refuses a reference whose implementation is the engine under test's (the same object, or an
     * instance of the same named class).
     */
    default Object implementation() {
        return this;
    }

    /** An engine from a function. */
    static ParityEngine of(EngineIdentity identity, Function<ParityInput, EngineOutput> run) {
        Objects.requireNonNull(identity, "identity must not be null");
        Objects.requireNonNull(run, "run must not be null");
        return new ParityEngine() {
            @Override
            public EngineIdentity identity() {
                return identity;
            }

            @Override
            public EngineOutput run(ParityInput input) {
                return run.apply(input);
            }

            @Override
            public Object implementation() {
                return run;
            }
        };
    }

    /**
     * A {@link ReferenceEngine} as a harness engine: logits when it has {@link Capability#FULL_LOGITS}, greedy
     * token ids when the input asks for them and it has {@link Capability#GREEDY_TOKEN_IDS}; otherwise that part is
     * absent and its gates are reported as not applicable.
     */
    static ParityEngine of(ReferenceEngine reference) {
        Objects.requireNonNull(reference, "reference must not be null");
        return new ParityEngine() {
            @Override
            public EngineIdentity identity() {
                return reference.identity();
            }

            @Override
            public EngineOutput run(ParityInput input) {
                float[][] logits = reference.capabilities().contains(Capability.FULL_LOGITS)
                        ? reference.logits(input.tokens()) : null;
                int[] generated = input.maxNewTokens() > 0
                        && reference.capabilities().contains(Capability.GREEDY_TOKEN_IDS)
                        ? reference.generateGreedy(input.tokens(), input.maxNewTokens(), 0).tokenIds() : null;
                return new EngineOutput(logits, generated);
            }

            @Override
            public Object implementation() {
                return reference;
            }
        };
    }
}
