package dev.honestcompute.parity.metrics;

/**
 * One element outside |a−r| ≤ atol + rtol·|r|.
 *
 * @param index              element index
 * @param actual             actual value
 * @param reference          reference value
 * @param absoluteDifference |a−r|; NaN for a pair that fails the NaN/infinity rules
 * @param allowed            atol + rtol·|r|
 * @param excess             absoluteDifference − allowed; +∞ for a non-finite mismatch (worst of all)
 */
public record ElementMismatch(int index, double actual, double reference, double absoluteDifference,
        double allowed, double excess) {

    /** True when the pair failed the NaN/infinity rules rather than the tolerance. */
    public boolean isNonFinite() {
        return Double.isNaN(absoluteDifference);
    }
}
