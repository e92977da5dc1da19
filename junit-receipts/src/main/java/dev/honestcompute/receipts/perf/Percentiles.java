package dev.honestcompute.receipts.perf;

import java.util.Arrays;

/**
 * Order statistics used everywhere in this package, so a p50 in a receipt, a baseline and a regression check mean the
 * same thing.
 *
 * <p>Interpolation: linear between closest ranks on the sorted samples (Hyndman &amp; Fan type 7, numpy's default,
 * Excel {@code PERCENTILE.INC}): for {@code n} sorted samples and {@code p} in [0, 1], {@code h = (n - 1) * p},
 * result {@code x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])}. The median is {@code p = 0.5}, which
 * for an even count is the mean of the two middle samples.
 */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-quantile of samples that are already sorted ascending. */
    static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile of an empty sample set");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile must be in [0, 1], was " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The {@code p}-quantile of unsorted samples (the input is not modified). */
    static double of(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, p);
    }

    static double median(double[] samples) {
        return of(samples, 0.5);
    }
}
