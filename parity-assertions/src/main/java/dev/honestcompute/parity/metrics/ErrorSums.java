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
