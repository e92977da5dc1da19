package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.TokenDivergence;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a token sequence (tokenization or greedy generation) against a reference engine's.
 *
 * <pre>{@code
 * assertThatTokens(engineTokens).isSameSequenceAs(llamaCppTokens);
 * }</pre>
 */
public class TokensAssert extends AbstractAssert<TokensAssert, int[]> {

    private static final int CONTEXT = 3;

    /** Use {@link ParityAssertions#assertThatTokens(int[])}. Public for soft-assertion proxies. */
    public TokensAssert(int[] actual) {
        super(actual, TokensAssert.class);
    }

    /** Identical tokens and length; the failure names the first diverging position and both tokens. */
    public TokensAssert isSameSequenceAs(int[] reference) {
        isNotNull();
        if (reference == null) {
            throw new IllegalArgumentException("reference tokens must not be null; pass the reference engine's tokens");
        }
        Optional<TokenDivergence> d = TokenDivergence.first(actual, reference);
        if (d.isPresent()) {
            int p = d.get().position();
            String message = "Token sequences differ: " + d.get().describe() + "\n  actual:    " + window(actual, p)
                    + "\n  reference: " + window(reference, p);
            throw failureWithActualExpected(Arrays.toString(actual), Arrays.toString(reference), "%s", message);
        }
        return myself;
    }

    /** Tokens around {@code position}, the diverging one marked as {@code >t<}. */
    static String window(int[] tokens, int position) {
        int from = Math.max(0, position - CONTEXT);
        int to = Math.min(tokens.length, position + CONTEXT + 1);
        StringBuilder sb = new StringBuilder("[");
        if (from > 0) {
            sb.append("…, ");
        }
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(", ");
            }
            sb.append(i == position ? ">" + tokens[i] + "<" : Integer.toString(tokens[i]));
        }
        if (position >= tokens.length) {
            sb.append(tokens.length > from ? ", " : "").append("<end>");
        }
        if (to < tokens.length) {
            sb.append(", …");
        }
        return sb.append(']').toString();
    }
}
