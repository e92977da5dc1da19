package dev.honestcompute.receipts.perf;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of {@code median(current) / median(baseline)}. Each side with at least
 * {@link RegressionPolicy#MIN_SAMPLES_FOR_BOOTSTRAP} samples is resampled with replacement; a smaller side is held at
 * its fixed median. Seeded, so identical inputs always give the identical interval.
 */
final class BootstrapMedianRatio {

    /** The interval; {@code low == high == pointRatio} when neither side could be resampled. */
    record Interval(double pointRatio, double low, double high, boolean bootstrapped) {
    }

    private BootstrapMedianRatio() {
    }

    static Interval of(double[] current, double[] baseline, double baselineMedian, RegressionPolicy policy) {
        double currentMedian = Percentiles.median(current);
        double point = currentMedian / baselineMedian;
        boolean resampleCurrent = current.length >= RegressionPolicy.MIN_SAMPLES_FOR_BOOTSTRAP;
        boolean resampleBaseline = baseline.length >= RegressionPolicy.MIN_SAMPLES_FOR_BOOTSTRAP;
        if (!resampleCurrent && !resampleBaseline) {
            return new Interval(point, point, point, false);
        }
        SplittableRandom random = new SplittableRandom(policy.seed());
        double[] ratios = new double[policy.resamples()];
        double[] curBuf = new double[current.length];
        double[] baseBuf = new double[baseline.length];
        for (int r = 0; r < ratios.length; r++) {
            double c = resampleCurrent ? resampledMedian(current, curBuf, random) : currentMedian;
            double b = resampleBaseline ? resampledMedian(baseline, baseBuf, random) : baselineMedian;
            ratios[r] = c / b;
        }
        Arrays.sort(ratios);
        double alpha = 1 - policy.confidence();
        return new Interval(point, Percentiles.ofSorted(ratios, alpha / 2), Percentiles.ofSorted(ratios, 1 - alpha / 2),
                true);
    }

    private static double resampledMedian(double[] samples, double[] buf, SplittableRandom random) {
        for (int i = 0; i < buf.length; i++) {
            buf[i] = samples[random.nextInt(samples.length)];
        }
        Arrays.sort(buf);
        return Percentiles.ofSorted(buf, 0.5);
    }
}
