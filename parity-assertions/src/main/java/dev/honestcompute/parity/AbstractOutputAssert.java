package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Allclose;
import dev.honestcompute.parity.metrics.AllcloseResult;
import dev.honestcompute.parity.metrics.CosineSimilarity;
import dev.honestcompute.parity.metrics.ElementError;
import dev.honestcompute.parity.metrics.ElementMismatch;
import dev.honestcompute.parity.metrics.MaxError;
import dev.honestcompute.parity.metrics.NonFiniteMismatch;
import dev.honestcompute.parity.metrics.Nmse;
import dev.honestcompute.parity.metrics.Rmse;
import dev.honestcompute.parity.metrics.UlpDistance;
import dev.honestcompute.parity.metrics.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Shared comparison logic of {@link LogitsAssert} and {@link TensorAssert}.
 *
 * <p>How chaining works: {@code comparedTo}/{@code isCloseTo} set the reference <em>and</em> assert at once
 * (same length, NaN/infinity rules, and for {@code isCloseTo} the profile's gates); every {@code with…} call
 * asserts at once against that reference. Nothing is deferred, so no check can be declared and never run. All
 * methods return {@code SELF}, which keeps soft assertions ({@link ParitySoftAssertions}) collecting through the
 * whole chain.
 */
public abstract class AbstractOutputAssert<SELF extends AbstractOutputAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    /** How many worst elements a failure message lists. */
    static final int WORST_SHOWN = 5;

    private Values reference;
    private boolean equalNan;

    protected AbstractOutputAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    abstract Values values();

    abstract Shape shape();

    /** "Logits" or "Tensor", as the subject of failure messages. */
    abstract String subject();

    /** The verb that agrees with {@link #subject()}: "Logits are", "Tensor[2, 3] is". */
    String subjectVerb() {
        return "are";
    }

    /** Sets the reference; asserts equal length and the NaN/infinity rules (a NaN never passes as a match). */
    public SELF comparedTo(float[] reference) {
        return compareWith(reference == null ? null : Values.of(reference), false);
    }

    public SELF comparedTo(double[] reference) {
        return compareWith(reference == null ? null : Values.of(reference), false);
    }

    /** {@link #comparedTo} plus allclose under {@link ToleranceProfile#FP32} (rtol 1.3e-6, atol 1e-5). */
    public SELF isCloseTo(float[] reference) {
        return isCloseTo(reference, ToleranceProfile.FP32);
    }

    public SELF isCloseTo(double[] reference) {
        return isCloseTo(reference, ToleranceProfile.FP32);
    }

    /** {@link #comparedTo} plus every gate of {@code profile}, all reported in one failure. */
    public SELF isCloseTo(float[] reference, ToleranceProfile profile) {
        return closeUnder(reference == null ? null : Values.of(reference), profile);
    }

    public SELF isCloseTo(double[] reference, ToleranceProfile profile) {
        return closeUnder(reference == null ? null : Values.of(reference), profile);
    }

    /** Every element within |a−r| ≤ atol + rtol·|r|; the failure lists the worst elements. */
    public SELF withinTolerance(double rtol, double atol) {
        requireComparable();
        AllcloseResult r = Allclose.compare(values(), reference, rtol, atol, equalNan, WORST_SHOWN);
        if (!r.passed()) {
            fail(allcloseMessage(r, "rtol " + Numbers.format(rtol) + ", atol " + Numbers.format(atol), 0));
        }
        return myself;
    }

    public SELF withCosineAtLeast(double min) {
        requireComparable();
        double cos = CosineSimilarity.of(values(), reference, equalNan);
        if (!(cos >= min)) {
            fail("Expected cosine similarity of " + subject().toLowerCase() + " and reference >= " + Numbers.format(min)
                    + " but was " + Numbers.format(cos) + "\n" + damage());
        }
        return myself;
    }

    /** NMSE = Σ(a−r)²/Σa² (llama.cpp's definition). */
    public SELF withNmseAtMost(double max) {
        requireComparable();
        double nmse = Nmse.of(values(), reference, equalNan);
        if (!(nmse <= max)) {
            fail("Expected NMSE of " + subject().toLowerCase() + " against reference <= " + Numbers.format(max)
                    + " but was " + Numbers.format(nmse) + "\n" + damage());
        }
        return myself;
    }

    public SELF withRmseAtMost(double max) {
        requireComparable();
        double rmse = Rmse.of(values(), reference, equalNan);
        if (!(rmse <= max)) {
            fail("Expected RMSE of " + subject().toLowerCase() + " against reference <= " + Numbers.format(max)
                    + " but was " + Numbers.format(rmse) + "\n" + damage());
        }
        return myself;
    }

    public SELF withMaxAbsoluteDifferenceAtMost(double max) {
        requireComparable();
        ElementError e = MaxError.absolute(values(), reference, equalNan);
        if (!(e.value() <= max)) {
            fail("Expected greatest absolute difference <= " + Numbers.format(max) + " but was "
                    + Numbers.format(e.value()) + " at index " + shape().format(e.index()) + " (actual "
                    + values().format(e.index()) + ", reference " + reference.format(e.index()) + ")");
        }
        return myself;
    }

    /** Greatest distance in units in the last place, in the data's own precision. */
    public SELF withMaxUlpsAtMost(long max) {
        requireComparable();
        UlpDistance d = UlpDistance.max(values(), reference, equalNan);
        if (d.ulps() > max) {
            fail("Expected greatest ULP distance <= " + max + " but was "
                    + (d.ulps() == Long.MAX_VALUE ? "unbounded (non-finite mismatch)" : Long.toString(d.ulps()))
                    + " at index " + shape().format(d.index()) + " (actual " + values().format(d.index())
                    + ", reference " + reference.format(d.index()) + ")");
        }
        return myself;
    }

    // ---- shared internals ------------------------------------------------------------------------------------

    final Values reference() {
        return reference;
    }

    final boolean equalNan() {
        return equalNan;
    }

    final SELF compareWith(Values ref, boolean nanEqualsNan) {
        isNotNull();
        if (ref == null) {
            throw new IllegalArgumentException("reference must not be null; pass the reference engine's output");
        }
        this.reference = ref;
        this.equalNan = nanEqualsNan;
        if (!sameLength()) {
            fail(lengthMessage());
        }
        Optional<NonFiniteMismatch> bad = NonFiniteMismatch.first(values(), ref, nanEqualsNan);
        if (bad.isPresent()) {
            fail(subject() + " and reference disagree on non-finite values\n" + nonFiniteLine(bad.get())
                    + "\n(NaN never matches a number, matches NaN only with equalNan; an infinity matches only the same infinity)");
        }
        return myself;
    }

    private SELF closeUnder(Values ref, ToleranceProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("profile must not be null; use e.g. ToleranceProfile.FP32");
        }
        compareWith(ref, profile.equalNan());
        if (!sameLength()) {
            return myself; // already reported (soft assertions continue here); metrics need equal lengths
        }
        List<String> problems = new ArrayList<>();
        if (profile.hasAllclose()) {
            AllcloseResult r = Allclose.compare(values(), ref, profile.rtol(), profile.atol(), profile.equalNan(),
                    WORST_SHOWN);
            if (!(r.mismatchRatio() <= profile.maxMismatchRatio())) {
                problems.add(allcloseMessage(r, profile.describe(), profile.maxMismatchRatio()));
            }
        }
        ParityVerdict verdict = ParityEvaluator.elementwise(profile, values(), ref, shape(), isRanking());
        for (MetricResult m : verdict.failures()) {
            if (!m.metric().equals("mismatch_ratio") && !m.metric().equals("non_finite_mismatches")) {
                problems.add("Gate failed: " + m.describe());
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        return myself;
    }

    /** Whether ranking gates (τ-b, argmax) apply: true for logits, false for arbitrary tensors. */
    abstract boolean isRanking();

    final void requireComparable() {
        isNotNull();
        if (reference == null) {
            throw new IllegalStateException("no reference to compare with: call comparedTo(reference) or "
                    + "isCloseTo(reference) before with…/within… checks");
        }
        if (!sameLength()) {
            fail(lengthMessage());
        }
    }

    final void fail(String message) {
        throw failureWithActualExpected(values(), reference, "%s", message);
    }

    private boolean sameLength() {
        return values().length() == reference.length();
    }

    private String lengthMessage() {
        return subject() + " and reference must have the same number of elements, but actual has " + values().length()
                + " and reference has " + reference.length() + " (actual shape " + shape() + ")";
    }

    private String nonFiniteLine(NonFiniteMismatch m) {
        return "Non-finite mismatches: " + m.count() + " (first at index " + shape().format(m.index()) + ": actual "
                + values().format(m.index()) + ", reference " + reference.format(m.index()) + ")";
    }

    /** Where the worst element is, for metric failures that are otherwise a single number. */
    final String damage() {
        Optional<NonFiniteMismatch> bad = NonFiniteMismatch.first(values(), reference, equalNan);
        if (bad.isPresent()) {
            return nonFiniteLine(bad.get());
        }
        ElementError e = MaxError.absolute(values(), reference, equalNan);
        return "Greatest absolute difference: " + Numbers.format(e.value()) + " at index " + shape().format(e.index())
                + " (actual " + values().format(e.index()) + ", reference " + reference.format(e.index()) + ")";
    }

    /** torch.testing.assert_close style. */
    final String allcloseMessage(AllcloseResult r, String tolerance, double allowedRatio) {
        StringBuilder sb = new StringBuilder(subject()).append(' ').append(subjectVerb())
                .append(" not close to the reference under ")
                .append(tolerance).append('\n');
        sb.append("Mismatched elements: ").append(r.mismatched()).append(" / ").append(r.total()).append(" (")
                .append(Numbers.percent(r.mismatchRatio())).append(')');
        if (allowedRatio > 0) {
            sb.append(", up to ").append(Numbers.percent(allowedRatio)).append(" allowed");
        }
        sb.append('\n');
        if (r.nonFiniteMismatches() > 0) {
            sb.append("Non-finite mismatches: ").append(r.nonFiniteMismatches()).append('\n');
        }
        ElementError abs = r.greatestAbsolute();
        ElementError rel = r.greatestRelative();
        sb.append("Greatest absolute difference: ").append(Numbers.format(abs.value())).append(" at index ")
                .append(shape().format(abs.index())).append(" (up to ").append(Numbers.format(r.atol()))
                .append(" allowed)\n");
        sb.append("Greatest relative difference: ").append(Numbers.format(rel.value())).append(" at index ")
                .append(shape().format(rel.index())).append(" (up to ").append(Numbers.format(r.rtol()))
                .append(" allowed)\n");
        sb.append("Worst elements:");
        for (ElementMismatch m : r.worst()) {
            sb.append("\n  index ").append(shape().format(m.index())).append(": actual ")
                    .append(values().format(m.index())).append(", reference ").append(reference.format(m.index()));
            if (m.isNonFinite()) {
                sb.append(", non-finite mismatch");
            } else {
                sb.append(", |difference| ").append(Numbers.format(m.absoluteDifference())).append(", allowed ")
                        .append(Numbers.format(m.allowed()));
            }
        }
        if (r.mismatched() > r.worst().size()) {
            sb.append("\n  … and ").append(r.mismatched() - r.worst().size()).append(" more");
        }
        return sb.toString();
    }
}
