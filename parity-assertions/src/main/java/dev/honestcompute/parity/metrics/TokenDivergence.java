package dev.honestcompute.parity.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * Where two token sequences first differ: a different token, or one sequence ending early.
 *
 * <pre>{@code
 * TokenDivergence.first(actualTokens, referenceTokens)
 *         .ifPresent(d -> System.out.println(d.describe()));
 * }</pre>
 *
 * @param position        first position where they differ
 * @param actualToken     actual token there, or null when the actual sequence ended
 * @param referenceToken  reference token there, or null when the reference sequence ended
 * @param actualLength    length of the actual sequence
 * @param referenceLength length of the reference sequence
 */
public record TokenDivergence(int position, Integer actualToken, Integer referenceToken, int actualLength,
        int referenceLength) {

    /** Empty when the sequences are identical. The reference must not be empty: that would compare nothing. */
    public static Optional<TokenDivergence> first(int[] actual, int[] reference) {
        Objects.requireNonNull(actual, "actual tokens must not be null");
        Objects.requireNonNull(reference, "reference tokens must not be null");
        if (reference.length == 0) {
            throw new IllegalArgumentException("reference tokens is empty (0 tokens); a sequence comparison needs at "
                    + "least one reference token");
        }
        int common = Math.min(actual.length, reference.length);
        for (int i = 0; i < common; i++) {
            if (actual[i] != reference[i]) {
                return Optional.of(new TokenDivergence(i, actual[i], reference[i], actual.length, reference.length));
            }
        }
        if (actual.length == reference.length) {
            return Optional.empty();
        }
        return Optional.of(new TokenDivergence(common, common < actual.length ? actual[common] : null,
                common < reference.length ? reference[common] : null, actual.length, reference.length));
    }

    /** One line for a failure message. */
    public String describe() {
        if (actualToken != null && referenceToken != null) {
            return "first divergence at position " + position + ": actual token " + actualToken + ", reference token "
                    + referenceToken;
        }
        if (actualToken == null) {
            return "actual ends at position " + position + " (" + actualLength + " tokens) where reference continues with token "
                    + referenceToken + " (" + referenceLength + " tokens)";
        }
        return "actual continues with token " + actualToken + " at position " + position + " (" + actualLength
                + " tokens) where reference ends (" + referenceLength + " tokens)";
    }
}
