package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Argmax;
import dev.honestcompute.parity.metrics.KendallTau;
import dev.honestcompute.parity.metrics.KlDivergence;
import dev.honestcompute.parity.metrics.Spearman;
import dev.honestcompute.parity.metrics.TopK;
import dev.honestcompute.parity.metrics.Values;
import java.util.Arrays;

/**
 * Assertions on one logits vector against a reference engine's logits.
 *
 * <pre>{@code
 * assertThatLogits(actual).isCloseTo(reference)          // fp32 allclose, asserted here
 *         .withCosineAtLeast(0.999)                      // each with… asserts at once
 *         .withNmseAtMost(5e-4)
 *         .withKendallTauBAtLeast(0.95)
 *         .withSameArgmax();
 * assertThatLogits(quantized).isCloseTo(reference, ToleranceProfile.QUANTIZED_VS_FP32);
 * }</pre>
 */
public class LogitsAssert extends AbstractOutputAssert<LogitsAssert, Values> {

    /** Use {@link ParityAssertions#assertThatLogits(float[])}. Public for soft-assertion proxies. */
    public LogitsAssert(Values actual) {
        super(actual, LogitsAssert.class);
    }

    public LogitsAssert withKendallTauBAtLeast(double min) {
        requireComparable();
        double tau = KendallTau.tauB(actual, reference());
        if (!(tau >= min)) {
            fail("Expected Kendall tau-b of logits and reference >= " + Numbers.format(min) + " but was "
                    + Numbers.format(tau) + (Double.isNaN(tau) ? " (NaN input, or a constant vector)" : "") + "\n"
                    + damage());
        }
        return myself;
    }

    public LogitsAssert withSpearmanAtLeast(double min) {
        requireComparable();
        double rho = Spearman.rho(actual, reference());
        if (!(rho >= min)) {
            fail("Expected Spearman rho of logits and reference >= " + Numbers.format(min) + " but was "
                    + Numbers.format(rho) + "\n" + damage());
        }
        return myself;
    }

    /** |top-k(actual) ∩ top-k(reference)| / k ≥ min. */
    public LogitsAssert withTopKOverlapAtLeast(int k, double min) {
        requireComparable();
        double overlap = TopK.overlap(actual, reference(), k);
        if (!(overlap >= min)) {
            fail("Expected top-" + k + " overlap >= " + Numbers.format(min) + " but was " + Numbers.format(overlap)
                    + "\nactual top-" + k + ":    " + Arrays.toString(TopK.indices(actual, k))
                    + "\nreference top-" + k + ": " + Arrays.toString(TopK.indices(reference(), k)));
        }
        return myself;
    }

    /** Same greedy token: argmax(actual) == argmax(reference). */
    public LogitsAssert withSameArgmax() {
        requireComparable();
        int a = Argmax.of(actual);
        int r = Argmax.of(reference());
        if (a != r) {
            fail("Expected the same argmax (greedy token) but actual picks " + a + " (logit " + actual.format(a)
                    + ", reference has " + reference().format(a) + " there) and reference picks " + r + " (logit "
                    + reference().format(r) + ", actual has " + actual.format(r) + " there)");
        }
        return myself;
    }

    /** KL(softmax(reference) ‖ softmax(actual)) ≤ max, in nats. */
    public LogitsAssert withKlDivergenceAtMost(double max) {
        requireComparable();
        double kl = KlDivergence.ofLogits(actual, reference());
        if (!(kl <= max)) {
            fail("Expected KL divergence of softmax(reference) from softmax(actual) <= " + Numbers.format(max)
                    + " nats but was " + Numbers.format(kl) + "\n" + damage());
        }
        return myself;
    }

    @Override
    Values values() {
        return actual;
    }

    @Override
    Shape shape() {
        return Shape.vector(actual.length());
    }

    @Override
    String subject() {
        return "Logits";
    }

    @Override
    boolean isRanking() {
        return true;
    }
}
