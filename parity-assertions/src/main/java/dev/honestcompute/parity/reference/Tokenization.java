package dev.honestcompute.parity.reference;

import java.time.Duration;
import java.util.Objects;

/**
 * Token ids for a text, with the wall time the engine took (including transport for remote engines).
 *
 * @param tokens  token ids
 * @param elapsed wall time of the call
 */
public record Tokenization(int[] tokens, Duration elapsed) {

    public Tokenization {
        tokens = Objects.requireNonNull(tokens, "tokens must not be null").clone();
        Objects.requireNonNull(elapsed, "elapsed must not be null");
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }
}
