package dev.honestcompute.parity.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Element-wise closeness |a−r| ≤ atol + rtol·|r| (torch {@code assert_close} semantics, {@code r} = reference),
 * counting mismatches and keeping the worst elements, in one pass.
 *
 * <pre>{@code
 * AllcloseResult r = Allclose.compare(Values.of(actual), Values.of(reference), 1.3e-6, 1e-5, false, 5);
 * if (!r.passed()) System.out.println(r.mismatched() + " / " + r.total());
 * }</pre>
 *
 * <p>The test is written as "inside only if {@code diff <= allowed}", so a NaN difference is always a mismatch.
 */
public final class Allclose {

    /** Mismatches ordered best-first, so the heap head is the one to drop when a worse one arrives. */
    private static final Comparator<ElementMismatch> LEAST_SEVERE_FIRST =
            Comparator.comparingDouble(ElementMismatch::excess).thenComparing(
                    Comparator.comparingInt(ElementMismatch::index).reversed());

    private Allclose() {}

    public static AllcloseResult compare(Values actual, Values reference, double rtol, double atol, boolean equalNan,
            int worstCount) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        Inputs.requireNonNegativeFinite("rtol", rtol);
        Inputs.requireNonNegativeFinite("atol", atol);
        if (worstCount < 0) {
            throw new IllegalArgumentException("worstCount must be >= 0, but was " + worstCount);
        }
        PriorityQueue<ElementMismatch> worst = new PriorityQueue<>(Math.max(1, worstCount + 1), LEAST_SEVERE_FIRST);
        int mismatched = 0;
        int nonFinite = 0;
        int absIndex = 0;
        double absWorst = -1;
        int relIndex = 0;
        double relWorst = -1;
        for (int i = 0, n = actual.length(); i < n; i++) {
            double a = actual.get(i);
            double r = reference.get(i);
            if (Double.isFinite(a) && Double.isFinite(r)) {
                // Fast path, the common case: no NaN/infinity rules, and the relative error is only divided out
                // when it is a new maximum (diff > relWorst·|r| is the same test without a division per element).
                double diff = Math.abs(a - r);
                double absR = Math.abs(r);
                if (diff > absWorst) {
                    absWorst = diff;
                    absIndex = i;
                }
                if (relWorst < 0 || diff > relWorst * absR) { // false while relWorst is NaN: that stays worst
                    double rel = absR == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : diff / absR;
                    if (rel > relWorst) {
                        relWorst = rel;
                        relIndex = i;
                    }
                }
                double allowed = atol + rtol * absR;
                if (diff <= allowed) {
                    continue;
                }
                mismatched++;
                if (worstCount > 0) {
                    offer(worst, worstCount, new ElementMismatch(i, a, r, diff, allowed, diff - allowed));
                }
                continue;
            }
            int pairClass = ElementPairs.classify(a, r, equalNan);
            double diff = MaxError.absoluteDifference(a, r, pairClass);
            double rel = MaxError.relativeDifference(a, r, pairClass);
            if (MaxError.worse(diff, absWorst)) {
                absWorst = diff;
                absIndex = i;
            }
            if (MaxError.worse(rel, relWorst)) {
                relWorst = rel;
                relIndex = i;
            }
            if (pairClass == ElementPairs.EQUAL_SPECIAL) {
                continue;
            }
            mismatched++;
            nonFinite++;
            if (worstCount > 0) {
                offer(worst, worstCount, new ElementMismatch(i, a, r, diff, Double.NaN, Double.POSITIVE_INFINITY));
            }
        }
        List<ElementMismatch> sorted = new ArrayList<>(worst);
        sorted.sort(LEAST_SEVERE_FIRST.reversed());
        return new AllcloseResult(actual.length(), mismatched, nonFinite, rtol, atol, equalNan, sorted,
                new ElementError(absWorst, absIndex, actual.get(absIndex), reference.get(absIndex)),
                new ElementError(relWorst, relIndex, actual.get(relIndex), reference.get(relIndex)));
    }

    private static void offer(PriorityQueue<ElementMismatch> worst, int worstCount, ElementMismatch m) {
        if (worst.size() < worstCount) {
            worst.add(m);
        } else if (LEAST_SEVERE_FIRST.compare(m, worst.peek()) > 0) {
            worst.poll();
            worst.add(m);
        }
    }
}
