package dev.honestcompute.parity.metrics;

/**
 * Root mean squared error √(Σ(a−r)²/n), accumulated in double. Pairs equal by the NaN/infinity rules count as
 * zero error; a non-finite mismatch gives NaN.
 *
 * <pre>{@code
 * double rmse = Rmse.of(actual, reference);
 * }</pre>
 */
public final class Rmse {

    private Rmse() {}

    public static double of(float[] actual, float[] reference) {
        return of(Values.of(actual), Values.of(reference), false);
    }

    public static double of(double[] actual, double[] reference) {
        return of(Values.of(actual), Values.of(reference), false);
    }

    public static double of(Values actual, Values reference, boolean equalNan) {
        ErrorSums s = ErrorSums.of(actual, reference, equalNan);
        if (s.nonFiniteMismatch) {
            return Double.NaN;
        }
        return Math.sqrt(s.squaredError / actual.length());
    }
}
