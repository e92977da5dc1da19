package dev.honestcompute.parity.metrics;

import java.util.Objects;

/** Argument checks shared by all metrics, so every metric rejects bad input with the same clear words. */
final class Inputs {

    private Inputs() {}

    static void requireNonEmpty(String name, Values v) {
        Objects.requireNonNull(v, name + " must not be null");
        if (v.length() == 0) {
            throw new IllegalArgumentException(name + " is empty (0 elements); a parity metric needs at least one element");
        }
    }

    static void requireSameLength(String firstName, Values first, String secondName, Values second) {
        requireNonEmpty(firstName, first);
        requireNonEmpty(secondName, second);
        if (first.length() != second.length()) {
            throw new IllegalArgumentException(firstName + " and " + secondName + " must have the same length, but "
                    + firstName + " has " + first.length() + " elements and " + secondName + " has "
                    + second.length() + "; compare outputs of the same shape");
        }
    }

    static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }

    static void requireNonNegativeFinite(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + value);
        }
    }
}
