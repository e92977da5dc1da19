package dev.honestcompute.parity.metrics;

import java.util.List;

/**
 * Outcome of {@link Allclose#compare}: how many elements are outside tolerance, the worst of them, and the
 * greatest absolute and relative differences over all elements (as {@code torch.testing.assert_close} reports).
 *
 * @param total              number of elements compared
 * @param mismatched         elements outside tolerance, non-finite mismatches included
 * @param nonFiniteMismatches elements failing the NaN/infinity rules
 * @param rtol               relative tolerance used
 * @param atol               absolute tolerance used
 * @param equalNan           whether NaN matched NaN
 * @param worst              up to k mismatches, worst excess first (ties: lower index first)
 * @param greatestAbsolute   greatest |a−r| over all elements
 * @param greatestRelative   greatest |a−r|/|r| over all elements
 */
public record AllcloseResult(int total, int mismatched, int nonFiniteMismatches, double rtol, double atol,
        boolean equalNan, List<ElementMismatch> worst, ElementError greatestAbsolute,
        ElementError greatestRelative) {

    public AllcloseResult {
        worst = List.copyOf(worst);
    }

    /** mismatched / total. */
    public double mismatchRatio() {
        return (double) mismatched / total;
    }

    /** True when no element is outside tolerance. */
    public boolean passed() {
        return mismatched == 0;
    }
}
