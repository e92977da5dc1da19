package dev.honestcompute.parity.metrics;

/**
 * Ordering of logits for top-k and argmax: larger first, NaN greater than everything (as torch and NumPy do,
 * so a NaN surfaces instead of hiding), ties broken by the lower index.
 */
final class Ranking {

    private Ranking() {}

    /** True when element (a, i) ranks before element (b, j). */
    static boolean before(double a, int i, double b, int j) {
        boolean aNan = Double.isNaN(a);
        boolean bNan = Double.isNaN(b);
        if (aNan || bNan) {
            return aNan && (!bNan || i < j);
        }
        return a > b || (a == b && i < j);
    }
}
