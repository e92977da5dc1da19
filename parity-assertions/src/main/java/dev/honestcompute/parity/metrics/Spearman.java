package dev.honestcompute.parity.metrics;

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the ranks, tied values sharing their average rank.
 *
 * <pre>{@code
 * double rho = Spearman.rho(actualLogits, referenceLogits);
 * }</pre>
 *
 * <p>NaN when a NaN is present or either input is constant (ρ is undefined).
 */
public final class Spearman {

    private Spearman() {}

    public static double rho(float[] x, float[] y) {
        return rho(Values.of(x), Values.of(y));
    }

    public static double rho(double[] x, double[] y) {
        return rho(Values.of(x), Values.of(y));
    }

    public static double rho(Values x, Values y) {
        Inputs.requireSameLength("x", x, "y", y);
        double[] rx = averageRanks(x);
        double[] ry = averageRanks(y);
        if (rx == null || ry == null) {
            return Double.NaN;
        }
        int n = rx.length;
        double mean = (n + 1) / 2.0; // ranks 1..n always average to this, ties included
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = rx[i] - mean;
            double dy = ry[i] - mean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /** 1-based ranks, ties averaged; null when a NaN is present. */
    static double[] averageRanks(Values v) {
        int n = v.length();
        double[] values = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = v.get(i);
            if (Double.isNaN(values[i])) {
                return null;
            }
            order[i] = i;
        }
        // -0.0 and +0.0 must tie, so compare with < and == rather than Double.compare.
        java.util.Arrays.sort(order, (a, b) -> values[a] < values[b] ? -1 : values[a] == values[b] ? 0 : 1);
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // average of ranks start+1 .. end
            for (int k = start; k < end; k++) {
                ranks[order[k]] = rank;
            }
            start = end;
        }
        return ranks;
    }
}
