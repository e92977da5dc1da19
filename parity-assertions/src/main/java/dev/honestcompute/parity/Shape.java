package dev.honestcompute.parity;

import java.util.Arrays;
import java.util.Objects;

/** A row-major tensor shape, used to print a flat element index as a multi-dimensional one. */
record Shape(int[] dims) {

    Shape {
        Objects.requireNonNull(dims, "shape must not be null");
        dims = dims.clone();
        if (dims.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension");
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has dimension " + i
                        + " of size " + dims[i] + "; every dimension must be > 0");
            }
        }
    }

    static Shape vector(int length) {
        return new Shape(new int[] {length});
    }

    long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** "17" for a vector, "[1, 2]" for a matrix (row-major). */
    String format(int flatIndex) {
        if (dims.length == 1) {
            return Integer.toString(flatIndex);
        }
        int[] index = new int[dims.length];
        int rest = flatIndex;
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = rest % dims[d];
            rest /= dims[d];
        }
        return Arrays.toString(index);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }
}
