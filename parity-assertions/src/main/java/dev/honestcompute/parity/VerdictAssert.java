package dev.honestcompute.parity;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertion on a {@link ParityVerdict} (e.g. sequence-level gates such as ΔNLL from {@link ParityEvaluator}).
 *
 * <pre>{@code
 * assertThatVerdict(ParityEvaluator.sequence(profile, actualLogits, referenceLogits, tokens)).hasPassed();
 * }</pre>
 */
public class VerdictAssert extends AbstractAssert<VerdictAssert, ParityVerdict> {

    /** Use {@link ParityAssertions#assertThatVerdict(ParityVerdict)}. Public for soft-assertion proxies. */
    public VerdictAssert(ParityVerdict actual) {
        super(actual, VerdictAssert.class);
    }

    /** No metric failed; the failure lists every metric with value, limit and outcome. */
    public VerdictAssert hasPassed() {
        isNotNull();
        if (!actual.passed()) {
            failWithMessage("%s", actual.describe());
        }
        return myself;
    }
}
