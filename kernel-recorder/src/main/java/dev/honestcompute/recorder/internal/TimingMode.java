package dev.honestcompute.recorder.internal;

/**
 * The recorder's kernel timing, from the system property {@value #PROPERTY}: {@code false} (default, no clock reads),
 * {@code true} (every call timed: two {@code System.nanoTime()} reads per call), or {@code sampled} /
 * {@code sampled:N} (one call in N on each thread, N a power of two, default {@value #DEFAULT_SAMPLE}).
 *
 * <p>Sampling exists because a clock read is not free: on a virtualized host one {@code nanoTime()} costs ~30 ns,
 * more than many SIMD kernels run. Sampled nanoseconds are still measured, never estimated: receipts carry
 * {@code nanos} of the timed calls only, with {@code timed_calls} saying how many calls that covers.
 */
final class TimingMode {

    static final String PROPERTY = "honestcompute.recorder.timing";
    static final int DEFAULT_SAMPLE = 16;

    /** 0: off; 1: every call; N: one call in N. */
    final int every;

    private TimingMode(int every) {
        this.every = every;
    }

    /** Parses a property value; {@code null} and blank mean off. */
    static TimingMode parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return new TimingMode(0);
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true")) {
            return new TimingMode(1);
        }
        if (v.equals("sampled")) {
            return new TimingMode(DEFAULT_SAMPLE);
        }
        if (v.startsWith("sampled:")) {
            try {
                int n = Integer.parseInt(v.substring("sampled:".length()));
                if (n >= 1 && n <= (1 << 20) && Integer.bitCount(n) == 1) {
                    return new TimingMode(n);
                }
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected false, true (time every kernel "
                + "call), sampled (one call in " + DEFAULT_SAMPLE + " per thread) or sampled:N with N a power of two "
                + "up to 1048576, e.g. sampled:64");
    }

    /** The mode the JVM was started with; an invalid value is off here (the agent's install rejects it loudly). */
    static TimingMode ofSystemProperty() {
        try {
            return parse(System.getProperty(PROPERTY));
        } catch (IllegalArgumentException e) {
            return new TimingMode(0);
        }
    }

    @Override
    public String toString() {
        return every == 0 ? "off" : every == 1 ? "every call" : "one call in " + every + " per thread";
    }
}
