package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Values;

/**
 * Assertions on a shaped tensor (hidden states, attention output, …) against a reference with the same shape;
 * failure messages give multi-dimensional indices such as {@code [1, 7]}.
 *
 * <pre>{@code
 * assertThatTensor(hidden, 4, 64).isCloseTo(referenceHidden, ToleranceProfile.FP32).withNmseAtMost(1e-7);
 * }</pre>
 */
public class TensorAssert extends AbstractOutputAssert<TensorAssert, Tensor> {

    /** Use {@link ParityAssertions#assertThatTensor(float[], int...)}. Public for soft-assertion proxies. */
    public TensorAssert(Tensor actual) {
        super(actual, TensorAssert.class);
    }

    /** The tensor has exactly this shape (compare against the reference's shape before comparing values). */
    public TensorAssert hasShape(int... expected) {
        isNotNull();
        if (expected == null || !java.util.Arrays.equals(actual.shape(), expected)) {
            throw failureWithActualExpected(java.util.Arrays.toString(actual.shape()), java.util.Arrays.toString(expected),
                    "Expected tensor shape %s but was %s", java.util.Arrays.toString(expected),
                    java.util.Arrays.toString(actual.shape()));
        }
        return myself;
    }

    @Override
    Values values() {
        return actual.data();
    }

    @Override
    Shape shape() {
        return actual.layout();
    }

    @Override
    String subject() {
        return "Tensor" + actual.layout();
    }

    @Override
    String subjectVerb() {
        return "is";
    }

    @Override
    boolean isRanking() {
        return false;
    }
}
