package dev.honestcompute.parity.metrics;

/**
 * A read-only view of a numeric vector, so every metric has one double-accumulating core that serves both
 * {@code float[]} and {@code double[]} data without copying.
 *
 * <pre>{@code
 * double cos = CosineSimilarity.of(Values.of(actualLogits), Values.of(referenceLogits));
 * }</pre>
 *
 * <p>The view wraps the caller's array; it does not copy it. Element values keep their source precision when
 * printed ({@link #format(int)}), so a float is shown as the float it is.
 */
public sealed interface Values permits FloatValues, DoubleValues {

    /** Wraps a float array (no copy). */
    static Values of(float[] values) {
        return new FloatValues(values);
    }

    /** Wraps a double array (no copy). */
    static Values of(double[] values) {
        return new DoubleValues(values);
    }

    /** Number of elements. */
    int length();

    /** Element {@code i}, widened to double. */
    double get(int i);

    /** True when the source data is single precision (this matters for ULP distances and printing). */
    boolean isSinglePrecision();

    /** Element {@code i} printed in its source precision (shortest representation that round-trips). */
    default String format(int i) {
        return isSinglePrecision() ? Float.toString((float) get(i)) : Double.toString(get(i));
    }
}
