package dev.honestcompute.parity.metrics;

/**
 * One pass of double-precision sums shared by cosine similarity, NMSE and RMSE. Pairs that are equal by the
 * NaN/infinity rules contribute nothing; any non-finite mismatch makes every derived metric NaN (a value no
 * limit accepts).
 */
final class ErrorSums {

    final double squaredError;
    final double actualSquares;
    final double referenceSquares;
    final double dot;
    final int counted;
    final boolean nonFiniteMismatch;

    private ErrorSums(double squaredError, double actualSquares, double referenceSquares, double dot, int counted,
            boolean nonFiniteMismatch) {
        this.squaredError = squaredError;
        this.actualSquares = actualSquares;
        this.referenceSquares = referenceSquares;
        this.dot = dot;
        this.counted = counted;
        this.nonFiniteMismatch = nonFiniteMismatch;
    }

    static ErrorSums of(Values actual, Values reference, boolean equalNan) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        ErrorSums fast = allFinite(actual, reference);
        return fast != null ? fast : withRules(actual, reference, equalNan);
    }

    /**
     * The common case without a branch per element: two interleaved accumulators per sum break the floating-point
     * add latency chain (Java may not reorder a double reduction itself). A NaN or infinity anywhere makes a sum
     * non-finite, and so does an overflow of double data; then null sends the caller to the exact rule-by-rule pass.
     */
    private static ErrorSums allFinite(Values actual, Values reference) {
        int n = actual.length();
        double se0 = 0, se1 = 0, aa0 = 0, aa1 = 0, rr0 = 0, rr1 = 0, ar0 = 0, ar1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double a0 = actual.get(i);
            double r0 = reference.get(i);
            double a1 = actual.get(i + 1);
            double r1 = reference.get(i + 1);
            double d0 = a0 - r0;
            double d1 = a1 - r1;
            se0 += d0 * d0;
            se1 += d1 * d1;
            aa0 += a0 * a0;
            aa1 += a1 * a1;
            rr0 += r0 * r0;
            rr1 += r1 * r1;
            ar0 += a0 * r0;
            ar1 += a1 * r1;
        }
        if (i < n) {
            double a0 = actual.get(i);
            double r0 = reference.get(i);
            double d0 = a0 - r0;
            se0 += d0 * d0;
            aa0 += a0 * a0;
            rr0 += r0 * r0;
            ar0 += a0 * r0;
        }
        double se = se0 + se1;
        double aa = aa0 + aa1;
        double rr = rr0 + rr1;
        double ar = ar0 + ar1;
        if (!(Double.isFinite(se) && Double.isFinite(aa) && Double.isFinite(rr) && Double.isFinite(ar))) {
            return null;
        }
        return new ErrorSums(se, aa, rr, ar, n, false);
    }

    private static ErrorSums withRules(Values actual, Values reference, boolean equalNan) {
        double se = 0;
        double aa = 0;
        double rr = 0;
        double ar = 0;
        int counted = 0;
        boolean bad = false;
        for (int i = 0, n = actual.length(); i < n; i++) {
            double a = actual.get(i);
            double r = reference.get(i);
            if (Double.isFinite(a) && Double.isFinite(r)) {
                double d = a - r;
                se += d * d;
                aa += a * a;
                rr += r * r;
                ar += a * r;
                counted++;
            } else if (ElementPairs.classify(a, r, equalNan) == ElementPairs.NON_FINITE_MISMATCH) {
                bad = true;
            }
        }
        return new ErrorSums(se, aa, rr, ar, counted, bad);
    }
}
