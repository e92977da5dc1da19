package dev.honestcompute.parity.metrics;

import java.util.Objects;

/** {@link Values} over a double array. */
record DoubleValues(double[] data) implements Values {

    DoubleValues {
        Objects.requireNonNull(data, "values (double[]) must not be null");
    }

    @Override
    public int length() {
        return data.length;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public boolean isSinglePrecision() {
        return false;
    }

    @Override
    public String toString() {
        return ValuesText.summary(this);
    }
}
