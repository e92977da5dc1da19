package dev.honestcompute.parity.metrics;

/**
 * Kullback–Leibler divergence KL(P‖Q) = Σ p·(log p − log q) between the softmax of the reference logits (P) and
 * the softmax of the actual logits (Q), in nats, from stable log-softmax in double.
 *
 * <pre>{@code
 * double kl = KlDivergence.ofLogits(actualLogits, referenceLogits);
 * }</pre>
 *
 * <p>Tokens with p = 0 contribute nothing; q = 0 where p > 0 gives +∞. NaN when either distribution is undefined
 * (see {@link LogSoftmax}).
 */
public final class KlDivergence {

    private KlDivergence() {}

    public static double ofLogits(float[] actual, float[] reference) {
        return ofLogits(Values.of(actual), Values.of(reference));
    }

    public static double ofLogits(double[] actual, double[] reference) {
        return ofLogits(Values.of(actual), Values.of(reference));
    }

    public static double ofLogits(Values actual, Values reference) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        double[] logQ = LogSoftmax.of(actual);
        double[] logP = LogSoftmax.of(reference);
        double kl = 0;
        for (int i = 0; i < logP.length; i++) {
            double p = Math.exp(logP[i]);
            if (p == 0) {
                continue; // includes p underflowing to 0: 0·log(0/q) is 0, and must not become 0·∞ = NaN
            }
            kl += p * (logP[i] - logQ[i]);
        }
        return Math.max(0.0, kl); // rounding can land a hair below the true minimum 0; NaN stays NaN
    }
}
