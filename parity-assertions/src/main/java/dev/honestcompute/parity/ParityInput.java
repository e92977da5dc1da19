package dev.honestcompute.parity;

import java.util.Arrays;
import java.util.Objects;

/**
 * One input both engines receive: a token sequence to score (logits at every position) and, optionally, a number
 * of tokens to generate greedily after it. Written in full to the failure log so a failure can be replayed.
 *
 * <pre>{@code
 * ParityInput in = new ParityInput("fox", new int[] {356, 292, 282}, 8);
 * }</pre>
 *
 * @param id             a name for the input, unique within a run (shown in failures and the log)
 * @param tokens         token ids, not empty
 * @param maxNewTokens   greedy tokens to generate after {@code tokens}; 0 = score only
 */
public record ParityInput(String id, int[] tokens, int maxNewTokens) {

    public ParityInput {
        Objects.requireNonNull(id, "input id must not be null");
        Objects.requireNonNull(tokens, "input '" + id + "': tokens must not be null");
        if (tokens.length == 0) {
            throw new IllegalArgumentException("input '" + id + "': tokens is empty; give at least one token");
        }
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("input '" + id + "': maxNewTokens must be >= 0, but was " + maxNewTokens);
        }
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParityInput p && id.equals(p.id) && Arrays.equals(tokens, p.tokens)
                && maxNewTokens == p.maxNewTokens;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id.hashCode() + Arrays.hashCode(tokens)) + maxNewTokens;
    }

    @Override
    public String toString() {
        return "ParityInput[" + id + ", tokens=" + Arrays.toString(tokens) + ", maxNewTokens=" + maxNewTokens + "]";
    }
}
