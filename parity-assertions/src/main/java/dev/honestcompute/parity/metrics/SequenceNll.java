package dev.honestcompute.parity.metrics;

import java.util.Objects;

/**
 * Mean negative log-likelihood (nats per token) and perplexity of a token sequence, given the logits each
 * position produced: {@code logits[i]} is the distribution that predicts {@code tokens[i]} (align them before
 * calling — usually logits of position i−1 of the prompt score token i).
 *
 * <pre>{@code
 * SequenceNll nll = SequenceNll.of(logitsPerPosition, targetTokens);   // nll.meanNll(), nll.perplexity()
 * double delta = SequenceNll.delta(actualLogits, referenceLogits, targetTokens); // gate |ΔNLL| <= 1e-2
 * }</pre>
 *
 * @param meanNll    mean of −log softmax(logits[i])[tokens[i]]
 * @param perplexity exp(meanNll)
 * @param positions  number of scored positions
 */
public record SequenceNll(double meanNll, double perplexity, int positions) {

    public static SequenceNll of(float[][] logits, int[] tokens) {
        return of(rows(logits), tokens);
    }

    public static SequenceNll of(double[][] logits, int[] tokens) {
        return of(rows(logits), tokens);
    }

    public static SequenceNll of(Values[] logits, int[] tokens) {
        Objects.requireNonNull(logits, "logits must not be null");
        Objects.requireNonNull(tokens, "tokens must not be null");
        if (tokens.length == 0) {
            throw new IllegalArgumentException("tokens is empty; the NLL of a sequence needs at least one scored token");
        }
        if (logits.length != tokens.length) {
            throw new IllegalArgumentException("logits and tokens must have one row per scored position, but logits has "
                    + logits.length + " rows and tokens has " + tokens.length + " entries");
        }
        double sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            Values row = logits[i];
            Inputs.requireNonEmpty("logits[" + i + "]", row);
            int token = tokens[i];
            if (token < 0 || token >= row.length()) {
                throw new IllegalArgumentException("tokens[" + i + "] = " + token + " is outside the vocabulary of logits["
                        + i + "] (size " + row.length() + ")");
            }
            sum -= LogSoftmax.of(row)[token];
        }
        double mean = sum / tokens.length;
        return new SequenceNll(mean, Math.exp(mean), tokens.length);
    }

    /** ΔNLL = NLL(actual) − NLL(reference) on the same tokens; positive means the actual engine is less sure. */
    public static double delta(float[][] actualLogits, float[][] referenceLogits, int[] tokens) {
        return delta(rows(actualLogits), rows(referenceLogits), tokens);
    }

    public static double delta(Values[] actualLogits, Values[] referenceLogits, int[] tokens) {
        return of(actualLogits, tokens).meanNll() - of(referenceLogits, tokens).meanNll();
    }

    static Values[] rows(float[][] logits) {
        Objects.requireNonNull(logits, "logits must not be null");
        Values[] rows = new Values[logits.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Values.of(Objects.requireNonNull(logits[i], "logits[" + i + "] must not be null"));
        }
        return rows;
    }

    static Values[] rows(double[][] logits) {
        Objects.requireNonNull(logits, "logits must not be null");
        Values[] rows = new Values[logits.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Values.of(Objects.requireNonNull(logits[i], "logits[" + i + "] must not be null"));
        }
        return rows;
    }
}
