package dev.honestcompute.parity.metrics;

/**
 * Kendall's τ-b rank correlation with ties, in O(n log n) (Knight's algorithm: sort by (x, y), then count the
 * exchanges a merge sort by y needs).
 *
 * <pre>{@code
 * double tau = KendallTau.tauB(actualLogits, referenceLogits); // BitNet.rs gates: >= 0.95 fp32, >= 0.60 quantized
 * }</pre>
 *
 * <p>τ-b = (n0 − n1 − n2 + n3 − 2·swaps) / √((n0 − n1)(n0 − n2)), with n0 = n(n−1)/2, n1/n2 the tied pairs in x/y
 * and n3 the pairs tied in both. NaN when a NaN is present (NaN cannot be ranked) or when either input is
 * constant (τ-b is undefined). −0.0 and +0.0 tie.
 */
public final class KendallTau {

    private KendallTau() {}

    public static double tauB(float[] x, float[] y) {
        return tauB(Values.of(x), Values.of(y));
    }

    public static double tauB(double[] x, double[] y) {
        return tauB(Values.of(x), Values.of(y));
    }

    public static double tauB(Values xs, Values ys) {
        Inputs.requireSameLength("x", xs, "y", ys);
        int n = xs.length();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xs.get(i);
            y[i] = ys.get(i);
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                return Double.NaN;
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        sortByXThenY(order, new int[n], x, y);

        long n0 = (long) n * (n - 1) / 2;
        long xTies = 0;
        long jointTies = 0;
        long xRun = 1;
        long jointRun = 1;
        double[] ySorted = new double[n];
        ySorted[0] = y[order[0]];
        for (int k = 1; k < n; k++) {
            int i = order[k];
            int prev = order[k - 1];
            ySorted[k] = y[i];
            if (x[i] == x[prev]) {
                xRun++;
                if (y[i] == y[prev]) {
                    jointRun++;
                } else {
                    jointTies += jointRun * (jointRun - 1) / 2;
                    jointRun = 1;
                }
            } else {
                xTies += xRun * (xRun - 1) / 2;
                jointTies += jointRun * (jointRun - 1) / 2;
                xRun = 1;
                jointRun = 1;
            }
        }
        xTies += xRun * (xRun - 1) / 2;
        jointTies += jointRun * (jointRun - 1) / 2;

        long swaps = countSwapsWhileSorting(ySorted, new double[n]);

        long yTies = 0;
        long yRun = 1;
        for (int k = 1; k < n; k++) {
            if (ySorted[k] == ySorted[k - 1]) {
                yRun++;
            } else {
                yTies += yRun * (yRun - 1) / 2;
                yRun = 1;
            }
        }
        yTies += yRun * (yRun - 1) / 2;

        double numerator = (double) (n0 - xTies - yTies + jointTies) - 2.0 * swaps;
        long xPairs = n0 - xTies;
        long yPairs = n0 - yTies;
        // Equal pair counts (always so for identical inputs) skip the square roots, so identical gives exactly 1.
        double denominator = xPairs == yPairs ? xPairs : Math.sqrt((double) xPairs) * Math.sqrt((double) yPairs);
        if (denominator == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, numerator / denominator));
    }

    /** Stable bottom-up merge sort of indices by (x, then y). */
    private static void sortByXThenY(int[] order, int[] buffer, double[] x, double[] y) {
        int n = order.length;
        int[] src = order;
        int[] dst = buffer;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    int a = src[i];
                    int b = src[j];
                    boolean takeRight = x[b] < x[a] || (x[b] == x[a] && y[b] < y[a]);
                    dst[k++] = takeRight ? src[j++] : src[i++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != order) {
            System.arraycopy(src, 0, order, 0, n);
        }
    }

    /** Sorts {@code v} ascending and returns the number of strictly inverted pairs (i < j, v[i] > v[j]). */
    private static long countSwapsWhileSorting(double[] v, double[] buffer) {
        int n = v.length;
        double[] src = v;
        double[] dst = buffer;
        long swaps = 0;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    if (src[j] < src[i]) {
                        swaps += mid - i; // src[j] jumps over every remaining left element
                        dst[k++] = src[j++];
                    } else {
                        dst[k++] = src[i++];
                    }
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            double[] t = src;
            src = dst;
            dst = t;
        }
        if (src != v) {
            System.arraycopy(src, 0, v, 0, n);
        }
        return swaps;
    }
}
