package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Values;
import java.util.Objects;

/**
 * Flat row-major data with a shape, so failure messages can say "at index [1, 7]".
 *
 * <pre>{@code
 * assertThatTensor(hidden, 2, 64).isCloseTo(referenceHidden, ToleranceProfile.FP32);
 * }</pre>
 *
 * @param data  the elements, row-major
 * @param shape the dimensions; their product must equal the number of elements
 */
public record Tensor(Values data, int[] shape) {

    public Tensor {
        Objects.requireNonNull(data, "tensor data must not be null");
        Shape s = new Shape(shape);
        shape = s.dims();
        if (s.elements() != data.length()) {
            throw new IllegalArgumentException("shape " + s + " holds " + s.elements() + " elements but the data has "
                    + data.length() + "; pass the tensor's real shape");
        }
    }

    Shape layout() {
        return new Shape(shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && data.equals(t.data) && java.util.Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * data.hashCode() + java.util.Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "tensor" + layout() + " " + data;
    }
}
