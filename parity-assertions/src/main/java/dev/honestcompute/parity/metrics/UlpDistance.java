package dev.honestcompute.parity.metrics;

/**
 * Greatest distance in units in the last place between paired elements, counted in the data's own precision
 * (float ULPs for float data, double ULPs for double data).
 *
 * <pre>{@code
 * UlpDistance d = UlpDistance.max(actual, reference);   // d.ulps() at d.index()
 * }</pre>
 *
 * <p>+0 and −0 are 0 ULPs apart. A pair failing the NaN/infinity rules, or a finite value against an infinity,
 * is {@link Long#MAX_VALUE} ULPs apart; pairs equal by rule are 0 apart.
 *
 * @param ulps      the greatest distance (saturates at {@link Long#MAX_VALUE})
 * @param index     where it occurs (first index wins ties)
 * @param actual    actual value there
 * @param reference reference value there
 */
public record UlpDistance(long ulps, int index, double actual, double reference) {

    public static UlpDistance max(float[] actual, float[] reference) {
        return max(Values.of(actual), Values.of(reference), false);
    }

    public static UlpDistance max(double[] actual, double[] reference) {
        return max(Values.of(actual), Values.of(reference), false);
    }

    /** Both inputs must have the same precision: a ULP is only defined within one format. */
    public static UlpDistance max(Values actual, Values reference, boolean equalNan) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        if (actual.isSinglePrecision() != reference.isSinglePrecision()) {
            throw new IllegalArgumentException("ULP distance needs actual and reference in the same precision, but "
                    + "actual is " + precision(actual) + " and reference is " + precision(reference)
                    + "; convert one of them first");
        }
        boolean single = actual.isSinglePrecision();
        long worst = -1;
        int worstIndex = 0;
        for (int i = 0, n = actual.length(); i < n; i++) {
            double a = actual.get(i);
            double r = reference.get(i);
            long d = switch (ElementPairs.classify(a, r, equalNan)) {
                case ElementPairs.FINITE -> single ? floatUlps((float) a, (float) r) : doubleUlps(a, r);
                case ElementPairs.EQUAL_SPECIAL -> 0L;
                default -> Long.MAX_VALUE;
            };
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        return new UlpDistance(worst, worstIndex, actual.get(worstIndex), reference.get(worstIndex));
    }

    /** Distance between two finite floats on the ordered integer line of float bit patterns. */
    static long floatUlps(float a, float b) {
        return Math.abs((long) orderedBits(a) - (long) orderedBits(b));
    }

    static long doubleUlps(double a, double b) {
        long oa = orderedBits(a);
        long ob = orderedBits(b);
        long hi = Math.max(oa, ob);
        long lo = Math.min(oa, ob);
        long d = hi - lo;
        return d < 0 ? Long.MAX_VALUE : d; // wrapped: farther apart than a long can count
    }

    private static int orderedBits(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? Integer.MIN_VALUE - bits : bits;
    }

    private static long orderedBits(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static String precision(Values v) {
        return v.isSinglePrecision() ? "float" : "double";
    }
}
