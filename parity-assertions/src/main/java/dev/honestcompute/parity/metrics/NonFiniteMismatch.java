package dev.honestcompute.parity.metrics;

import java.util.Optional;

/**
 * The first element pair that fails the NaN/infinity rules: a NaN where the reference has none (or NaN vs NaN
 * without {@code equalNan}), or an infinity that the reference does not have with the same sign.
 *
 * <pre>{@code
 * Optional<NonFiniteMismatch> bad = NonFiniteMismatch.first(Values.of(actual), Values.of(reference), false);
 * }</pre>
 *
 * @param index     element index
 * @param actual    actual value there
 * @param reference reference value there
 * @param count     how many element pairs fail these rules in total
 */
public record NonFiniteMismatch(int index, double actual, double reference, int count) {

    /** Scans both vectors; empty when every pair is finite or equal by rule. */
    public static Optional<NonFiniteMismatch> first(Values actual, Values reference, boolean equalNan) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        int first = -1;
        int count = 0;
        for (int i = 0, n = actual.length(); i < n; i++) {
            if (ElementPairs.classify(actual.get(i), reference.get(i), equalNan) == ElementPairs.NON_FINITE_MISMATCH) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        return first < 0 ? Optional.empty()
                : Optional.of(new NonFiniteMismatch(first, actual.get(first), reference.get(first), count));
    }
}
