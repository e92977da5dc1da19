package dev.honestcompute.parity.metrics;

/**
 * Numerically stable log-softmax in double: x − (m + log Σ exp(x−m)) with m = max x.
 *
 * <pre>{@code
 * double[] logProbs = LogSoftmax.of(Values.of(logits));
 * }</pre>
 *
 * <p>−∞ logits (masked tokens) get log-probability −∞. A NaN or +∞ logit, or all logits −∞, leave the
 * distribution undefined: every entry is NaN, which no parity limit accepts.
 */
public final class LogSoftmax {

    private LogSoftmax() {}

    public static double[] of(Values logits) {
        Inputs.requireNonEmpty("logits", logits);
        int n = logits.length();
        double[] out = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = logits.get(i);
            if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
                java.util.Arrays.fill(out, Double.NaN);
                return out;
            }
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits.get(i) - max);
        }
        double logSumExp = max + Math.log(sum);
        for (int i = 0; i < n; i++) {
            out[i] = logits.get(i) - logSumExp;
        }
        return out;
    }
}
