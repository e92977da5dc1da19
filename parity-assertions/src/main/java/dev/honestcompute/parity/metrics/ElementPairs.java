package dev.honestcompute.parity.metrics;

/**
 * The NaN and infinity rules every element-wise metric applies before doing arithmetic on a pair.
 *
 * <p>A NaN in the actual output where the reference has none is a mismatch, never a match (the Apex-X bug was a
 * {@code NaN > limit} test that is always false). NaN against NaN is equal only when the caller asks for it.
 * Infinities are equal only to the same infinity; any other pairing with an infinity is a mismatch.
 */
final class ElementPairs {

    /** Both finite: compare by arithmetic. */
    static final int FINITE = 0;
    /** Equal by rule (same-signed infinities, or NaN/NaN with equalNan): contributes no error. */
    static final int EQUAL_SPECIAL = 1;
    /** Non-finite and not equal by rule: fails at once, whatever the tolerance. */
    static final int NON_FINITE_MISMATCH = 2;

    private ElementPairs() {}

    static int classify(double actual, double reference, boolean equalNan) {
        boolean actualFinite = Double.isFinite(actual);
        boolean referenceFinite = Double.isFinite(reference);
        if (actualFinite && referenceFinite) {
            return FINITE;
        }
        boolean actualNan = Double.isNaN(actual);
        boolean referenceNan = Double.isNaN(reference);
        if (actualNan || referenceNan) {
            return actualNan && referenceNan && equalNan ? EQUAL_SPECIAL : NON_FINITE_MISMATCH;
        }
        // At least one infinity and no NaN: equal only if both are the same infinity.
        return actual == reference ? EQUAL_SPECIAL : NON_FINITE_MISMATCH;
    }
}
