package dev.honestcompute.parity.metrics;

/**
 * Greatest absolute difference |a−r| and greatest relative difference |a−r|/|r|, each with its index.
 *
 * <pre>{@code
 * ElementError worst = MaxError.absolute(actual, reference);   // worst.value() at worst.index()
 * }</pre>
 *
 * <p>A pair failing the NaN/infinity rules is the worst possible (value NaN, the first such index wins);
 * pairs equal by rule have error 0. Relative error against a reference of 0 is 0 when the actual is 0 too,
 * otherwise +∞. The first index wins ties.
 */
public final class MaxError {

    private MaxError() {}

    public static ElementError absolute(float[] actual, float[] reference) {
        return absolute(Values.of(actual), Values.of(reference), false);
    }

    public static ElementError absolute(double[] actual, double[] reference) {
        return absolute(Values.of(actual), Values.of(reference), false);
    }

    public static ElementError absolute(Values actual, Values reference, boolean equalNan) {
        return worst(actual, reference, equalNan, false);
    }

    public static ElementError relative(float[] actual, float[] reference) {
        return relative(Values.of(actual), Values.of(reference), false);
    }

    public static ElementError relative(double[] actual, double[] reference) {
        return relative(Values.of(actual), Values.of(reference), false);
    }

    public static ElementError relative(Values actual, Values reference, boolean equalNan) {
        return worst(actual, reference, equalNan, true);
    }

    static double absoluteDifference(double a, double r, int pairClass) {
        return switch (pairClass) {
            case ElementPairs.FINITE -> Math.abs(a - r);
            case ElementPairs.EQUAL_SPECIAL -> 0.0;
            default -> Double.NaN;
        };
    }

    static double relativeDifference(double a, double r, int pairClass) {
        double abs = absoluteDifference(a, r, pairClass);
        if (pairClass != ElementPairs.FINITE || abs == 0) {
            return abs;
        }
        return r == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(r);
    }

    /** True when {@code candidate} is worse than {@code current}: NaN (a non-finite mismatch) beats everything. */
    static boolean worse(double candidate, double current) {
        if (Double.isNaN(current)) {
            return false;
        }
        return Double.isNaN(candidate) || candidate > current;
    }

    private static ElementError worst(Values actual, Values reference, boolean equalNan, boolean relative) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        int worstIndex = 0;
        double worstValue = -1;
        for (int i = 0, n = actual.length(); i < n; i++) {
            double a = actual.get(i);
            double r = reference.get(i);
            int pairClass = ElementPairs.classify(a, r, equalNan);
            double e = relative ? relativeDifference(a, r, pairClass) : absoluteDifference(a, r, pairClass);
            if (worse(e, worstValue)) {
                worstValue = e;
                worstIndex = i;
            }
        }
        return new ElementError(worstValue, worstIndex, actual.get(worstIndex), reference.get(worstIndex));
    }
}
