package dev.honestcompute.receipts.perf;

import java.util.Locale;
import java.util.function.Function;

/**
 * How a measurement is judged against its baseline.
 *
 * @param threshold          relative slowdown that counts as a regression, e.g. 0.10 = median 10% slower
 * @param gating             whether a regression fails the build (default false: a warning in receipt and summary)
 * @param forceCompare       compare even when the baseline's host fingerprint differs
 * @param confidence         two-sided confidence level of the bootstrap interval, e.g. 0.95
 * @param resamples          bootstrap resamples, e.g. 2000
 * @param seed               bootstrap seed, so the same inputs always give the same verdict
 *
 * <pre>{@code
 * RegressionPolicy policy = RegressionPolicy.fromConfig(key -> context.getConfigurationParameter(key).orElse(null));
 * }</pre>
 */
public record RegressionPolicy(double threshold, boolean gating, boolean forceCompare, double confidence,
                               int resamples, long seed) {

    public static final String THRESHOLD_KEY = "honestcompute.perf.threshold";
    public static final String GATING_KEY = "honestcompute.perf.gate";
    public static final String FORCE_COMPARE_KEY = "honestcompute.perf.forceCompare";
    public static final String CONFIDENCE_KEY = "honestcompute.perf.bootstrap.confidence";
    public static final String RESAMPLES_KEY = "honestcompute.perf.bootstrap.resamples";
    public static final String SEED_KEY = "honestcompute.perf.bootstrap.seed";

    /** Minimum samples on a side before that side is resampled instead of taken as a fixed median. */
    public static final int MIN_SAMPLES_FOR_BOOTSTRAP = 3;

    public RegressionPolicy {
        if (!(threshold > 0 && threshold < 10)) {
            throw new IllegalArgumentException(THRESHOLD_KEY + " must be a fraction in (0, 10), e.g. 0.10 for 10%; was "
                    + threshold);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException(CONFIDENCE_KEY + " must be in (0.5, 1), e.g. 0.95; was " + confidence);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException(RESAMPLES_KEY + " must be >= 100, e.g. 2000; was " + resamples);
        }
    }

    /** Non-gating, 10% threshold, 95% bootstrap interval from 2000 resamples, seed 42, host mismatch not forced. */
    public static RegressionPolicy defaults() {
        return new RegressionPolicy(0.10, false, false, 0.95, 2000, 42L);
    }

    public RegressionPolicy withGating(boolean value) {
        return new RegressionPolicy(threshold, value, forceCompare, confidence, resamples, seed);
    }

    public RegressionPolicy withForceCompare(boolean value) {
        return new RegressionPolicy(threshold, gating, value, confidence, resamples, seed);
    }

    public RegressionPolicy withThreshold(double value) {
        return new RegressionPolicy(value, gating, forceCompare, confidence, resamples, seed);
    }

    /**
     * Reads the policy from configuration parameters (e.g. JUnit's {@code junit-platform.properties}); a missing key
     * keeps its default, a malformed value is an error naming the key.
     *
     * @param config returns the raw value of a key, or {@code null} when unset
     */
    public static RegressionPolicy fromConfig(Function<String, String> config) {
        RegressionPolicy d = defaults();
        return new RegressionPolicy(
                number(config, THRESHOLD_KEY, d.threshold),
                bool(config, GATING_KEY, d.gating),
                bool(config, FORCE_COMPARE_KEY, d.forceCompare),
                number(config, CONFIDENCE_KEY, d.confidence),
                (int) integer(config, RESAMPLES_KEY, d.resamples),
                integer(config, SEED_KEY, d.seed));
    }

    private static double number(Function<String, String> config, String key, double fallback) {
        String raw = config.apply(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration parameter " + key + "='" + raw
                    + "' is not a number; use e.g. " + key + "=" + fallback);
        }
    }

    private static long integer(Function<String, String> config, String key, long fallback) {
        String raw = config.apply(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration parameter " + key + "='" + raw
                    + "' is not an integer; use e.g. " + key + "=" + fallback);
        }
    }

    private static boolean bool(Function<String, String> config, String key, boolean fallback) {
        String raw = config.apply(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("configuration parameter " + key + "='" + raw
                + "' must be true or false");
    }
}
