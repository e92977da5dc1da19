package dev.honestcompute.parity.metrics;

/**
 * Index of the greatest element (the greedy token), NaN counted as greatest and the lowest index winning ties.
 *
 * <pre>{@code
 * boolean sameGreedyToken = Argmax.agree(actualLogits, referenceLogits);
 * }</pre>
 */
public final class Argmax {

    private Argmax() {}

    public static int of(Values values) {
        Inputs.requireNonEmpty("values", values);
        int best = 0;
        double bestValue = values.get(0);
        for (int i = 1, n = values.length(); i < n; i++) {
            double v = values.get(i);
            if (Ranking.before(v, i, bestValue, best)) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    public static boolean agree(float[] actual, float[] reference) {
        return agree(Values.of(actual), Values.of(reference));
    }

    public static boolean agree(Values actual, Values reference) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        return of(actual) == of(reference);
    }
}
