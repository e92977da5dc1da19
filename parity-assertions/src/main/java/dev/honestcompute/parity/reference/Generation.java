package dev.honestcompute.parity.reference;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A greedy generation: tokens, text, per-step probabilities, and the wall time it took.
 *
 * @param tokens  generated token ids, or null when the engine reports pieces only (see {@link #tokenIds()})
 * @param text    generated text
 * @param steps   one entry per generated token (probabilities only if requested and supported)
 * @param elapsed wall time of the call
 */
public record Generation(int[] tokens, String text, List<TokenStep> steps, Duration elapsed) {

    public Generation {
        tokens = tokens == null ? null : tokens.clone();
        Objects.requireNonNull(text, "text must not be null");
        steps = List.copyOf(steps);
        Objects.requireNonNull(elapsed, "elapsed must not be null");
    }

    @Override
    public int[] tokens() {
        return tokens == null ? null : tokens.clone();
    }

    /** Token ids; fails clearly when the engine's API does not report them. */
    public int[] tokenIds() {
        if (tokens == null) {
            throw new UnsupportedCapabilityException(Capability.GREEDY_TOKEN_IDS,
                    "this generation came from an API that reports token pieces, not ids");
        }
        return tokens.clone();
    }

    /** The generated tokens' text pieces, in order. */
    public List<String> pieces() {
        return steps.stream().map(s -> s.chosen().piece()).toList();
    }
}
