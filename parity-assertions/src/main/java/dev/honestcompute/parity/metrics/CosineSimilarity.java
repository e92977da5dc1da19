package dev.honestcompute.parity.metrics;

/**
 * Cosine similarity Σa·r / (‖a‖·‖r‖), accumulated in double.
 *
 * <pre>{@code
 * double cos = CosineSimilarity.of(actualLogits, referenceLogits); // gate: >= 0.99 (BitNet.rs)
 * }</pre>
 *
 * <p>NaN when a pair fails the NaN/infinity rules (see {@link NonFiniteMismatch}); pairs equal by rule are left
 * out. Two all-zero vectors are identical and give 1; exactly one all-zero vector gives 0.
 */
public final class CosineSimilarity {

    private CosineSimilarity() {}

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
        if (s.actualSquares == 0 && s.referenceSquares == 0) {
            return 1.0;
        }
        if (s.actualSquares == 0 || s.referenceSquares == 0) {
            return 0.0;
        }
        double cos = s.dot / (Math.sqrt(s.actualSquares) * Math.sqrt(s.referenceSquares));
        // Rounding can push |cos| a hair past 1; clamp so "cos <= 1" invariants hold for callers.
        return Math.max(-1.0, Math.min(1.0, cos));
    }
}
