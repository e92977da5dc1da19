package dev.honestcompute.receipts.perf;

/** Outcome of comparing a measurement with its baseline. */
public enum PerfVerdict {
    /** Within the threshold (or the confidence interval reaches into it). */
    OK,
    /** Faster than the baseline by more than the threshold. */
    IMPROVED,
    /** Slower than the baseline by more than the threshold. */
    REGRESSION,
    /** The baseline was taken on a different host or with a different unit (and comparison was not forced). */
    NOT_COMPARABLE,
    /** No baseline file, or the file has no entry for this measurement. */
    NO_BASELINE
}
