package dev.honestcompute.parity.metrics;

/**
 * Normalized mean squared error as llama.cpp's {@code test-backend-ops} defines it: Σ(a−r)² / Σa², where
 * {@code a} is the output under test (llama.cpp divides by the first argument, the tested backend's output).
 *
 * <pre>{@code
 * double nmse = Nmse.of(actual, reference); // llama.cpp limits: 1e-7 default, 5e-4 MUL_MAT, 1e-6 SOFT_MAX
 * }</pre>
 *
 * <p>NaN when a pair fails the NaN/infinity rules. When Σa² is 0 the result is 0 if the outputs are equal and
 * +∞ otherwise (llama.cpp would divide by zero).
 */
public final class Nmse {

    private Nmse() {}

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
        if (s.actualSquares == 0) {
            return s.squaredError == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return s.squaredError / s.actualSquares;
    }
}
