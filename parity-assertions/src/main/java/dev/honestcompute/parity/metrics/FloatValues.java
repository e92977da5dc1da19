package dev.honestcompute.parity.metrics;

import java.util.Objects;

/** {@link Values} over a float array. */
record FloatValues(float[] data) implements Values {

    FloatValues {
        Objects.requireNonNull(data, "values (float[]) must not be null");
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
        return true;
    }

    @Override
    public String toString() {
        return ValuesText.summary(this);
    }
}
