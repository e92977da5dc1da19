package dev.honestcompute.receipts.perf;

/** Which stretch of time a reported peak resident set size covers. */
public enum RssScope {
    /** The kernel's high-water mark was reset right before the measured part ({@code /proc/self/clear_refs}). */
    MEASURED_PART,
    /** The reset was not possible here, so the peak covers everything since the JVM started. */
    SINCE_JVM_START,
    /** No {@code /proc/self/status} (not Linux): peak RSS is not reported. */
    UNAVAILABLE
}
