package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Allclose;
import dev.honestcompute.parity.metrics.AllcloseResult;
import dev.honestcompute.parity.metrics.Argmax;
import dev.honestcompute.parity.metrics.CosineSimilarity;
import dev.honestcompute.parity.metrics.KendallTau;
import dev.honestcompute.parity.metrics.NonFiniteMismatch;
import dev.honestcompute.parity.metrics.Nmse;
import dev.honestcompute.parity.metrics.SequenceNll;
import dev.honestcompute.parity.metrics.TokenDivergence;
import dev.honestcompute.parity.metrics.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds outputs to a {@link ToleranceProfile} and returns a {@link ParityVerdict} (no JUnit, no AssertJ: the
 * assertions and {@code @ParityWith} both build on this).
 *
 * <pre>{@code
 * ParityVerdict v = ParityEvaluator.logits(ToleranceProfile.FP32_VS_FP32, Values.of(actual), Values.of(reference))
 *         .and(ParityEvaluator.tokens(ToleranceProfile.FP32_VS_FP32, actualTokens, referenceTokens));
 * }</pre>
 *
 * <p>Every verdict carries a non-finite gate (limit 0): any NaN or mismatched infinity fails at once, as in
 * llama.cpp's test-backend-ops. Gates the inputs cannot answer are listed as NOT_APPLICABLE, never as passed.
 */
public final class ParityEvaluator {

    private ParityEvaluator() {}

    /** Element-wise and ranking gates on one output vector (logits, or a flattened tensor). */
    public static ParityVerdict logits(ToleranceProfile profile, Values actual, Values reference) {
        return elementwise(profile, actual, reference, Shape.vector(actual.length()), true);
    }

    static ParityVerdict elementwise(ToleranceProfile profile, Values actual, Values reference, Shape shape,
            boolean ranking) {
        List<MetricResult> out = elementGates(profile, actual, reference, shape);
        rankingGates(profile, actual, reference, ranking, out);
        if (profile.maxAbsDeltaNll() != null) {
            out.add(MetricResult.notApplicable("delta_nll", "|x| <=", profile.maxAbsDeltaNll(),
                    "needs per-position logits and target tokens: use ParityEvaluator.sequence"));
        }
        return new ParityVerdict(profile.name(), out);
    }

    /**
     * All gates of {@code profile} on per-position logits ({@code [position][vocab]}) of one token sequence:
     * element-wise gates over the whole {@code [positions, vocab]} tensor, τ-b at every position (the lowest is
     * reported), argmax agreement at every position (the first disagreement is reported), and ΔNLL of
     * {@code tokens[1..]} scored by positions {@code 0..n-2} when {@code tokens} has one entry per position.
     *
     * <pre>{@code
     * ParityVerdict v = ParityEvaluator.positions(ToleranceProfile.QUANTIZED_VS_FP32, q8Logits, f32Logits, prompt);
     * }</pre>
     */
    public static ParityVerdict positions(ToleranceProfile profile, float[][] actual, float[][] reference,
            int[] tokens) {
        Objects.requireNonNull(profile, "profile must not be null");
        int positions = requireMatrix("actual logits", actual);
        int vocab = actual[0].length;
        if (requireMatrix("reference logits", reference) != positions || reference[0].length != vocab) {
            throw new IllegalArgumentException("actual and reference logits must have the same shape, but actual is ["
                    + positions + ", " + vocab + "] and reference is [" + reference.length + ", "
                    + reference[0].length + "]; both engines must score the same tokens");
        }
        Shape shape = new Shape(new int[] {positions, vocab});
        List<MetricResult> out = elementGates(profile, flatten(actual, vocab), flatten(reference, vocab), shape);
        if (profile.minKendallTauB() != null) {
            double lowest = Double.POSITIVE_INFINITY;
            int at = 0;
            for (int p = 0; p < positions; p++) {
                double tau = KendallTau.tauB(actual[p], reference[p]);
                if (Double.isNaN(tau) || tau < lowest) {
                    lowest = tau;
                    at = p;
                    if (Double.isNaN(tau)) {
                        break;
                    }
                }
            }
            out.add(MetricResult.atLeast("kendall_tau_b", lowest, profile.minKendallTauB(),
                    "lowest over " + positions + " positions, at position " + at));
        }
        if (profile.greedyIdentical()) {
            int agree = 0;
            String first = "";
            for (int p = 0; p < positions; p++) {
                int a = Argmax.of(Values.of(actual[p]));
                int r = Argmax.of(Values.of(reference[p]));
                if (a == r) {
                    agree++;
                } else if (first.isEmpty()) {
                    first = "first disagreement at position " + p + ": actual argmax " + a + ", reference argmax " + r;
                }
            }
            double ratio = (double) agree / positions;
            out.add(new MetricResult("argmax_agreement", ratio, "==", 1.0,
                    agree == positions ? MetricResult.Outcome.PASSED : MetricResult.Outcome.FAILED,
                    first.isEmpty() ? agree + " / " + positions + " positions agree" : first));
        }
        if (tokens != null && tokens.length == positions && positions >= 2) {
            Values[] a = new Values[positions - 1];
            Values[] r = new Values[positions - 1];
            for (int p = 0; p < positions - 1; p++) {
                a[p] = Values.of(actual[p]);
                r[p] = Values.of(reference[p]);
            }
            out.addAll(sequence(profile, a, r, java.util.Arrays.copyOfRange(tokens, 1, positions)).metrics());
        } else if (profile.maxAbsDeltaNll() != null) {
            out.add(MetricResult.notApplicable("delta_nll", "|x| <=", profile.maxAbsDeltaNll(),
                    "needs one token per logits row and at least two positions"));
        }
        return new ParityVerdict(profile.name(), out);
    }

    private static int requireMatrix(String name, float[][] m) {
        Objects.requireNonNull(m, name + " must not be null");
        if (m.length == 0) {
            throw new IllegalArgumentException(name + " has no positions; score at least one token");
        }
        for (int p = 0; p < m.length; p++) {
            Objects.requireNonNull(m[p], name + "[" + p + "] must not be null");
            if (m[p].length != m[0].length) {
                throw new IllegalArgumentException(name + " is ragged: row 0 has " + m[0].length + " values and row "
                        + p + " has " + m[p].length);
            }
        }
        return m.length;
    }

    private static Values flatten(float[][] m, int width) {
        float[] flat = new float[Math.multiplyExact(m.length, width)];
        for (int p = 0; p < m.length; p++) {
            System.arraycopy(m[p], 0, flat, p * width, width);
        }
        return Values.of(flat);
    }

    private static List<MetricResult> elementGates(ToleranceProfile profile, Values actual, Values reference,
            Shape shape) {
        List<MetricResult> out = new ArrayList<>();
        Optional<NonFiniteMismatch> nonFinite = NonFiniteMismatch.first(actual, reference, profile.equalNan());
        out.add(MetricResult.atMost("non_finite_mismatches", nonFinite.map(NonFiniteMismatch::count).orElse(0), 0,
                nonFinite.map(m -> "first at index " + shape.format(m.index()) + ": actual " + actual.format(m.index())
                        + ", reference " + reference.format(m.index())).orElse("")));
        if (profile.hasAllclose()) {
            AllcloseResult r = Allclose.compare(actual, reference, profile.rtol(), profile.atol(), profile.equalNan(), 1);
            out.add(MetricResult.atMost("mismatch_ratio", r.mismatchRatio(), profile.maxMismatchRatio(),
                    r.mismatched() + " / " + r.total() + " outside atol + rtol*|reference|; greatest absolute difference "
                            + Numbers.format(r.greatestAbsolute().value()) + " at index "
                            + shape.format(r.greatestAbsolute().index())));
        }
        if (profile.minCosine() != null) {
            out.add(MetricResult.atLeast("cosine", CosineSimilarity.of(actual, reference, profile.equalNan()),
                    profile.minCosine(), ""));
        }
        if (profile.maxNmse() != null) {
            out.add(MetricResult.atMost("nmse", Nmse.of(actual, reference, profile.equalNan()), profile.maxNmse(), ""));
        }
        return out;
    }

    private static void rankingGates(ToleranceProfile profile, Values actual, Values reference, boolean ranking,
            List<MetricResult> out) {
        if (profile.minKendallTauB() != null) {
            out.add(ranking
                    ? MetricResult.atLeast("kendall_tau_b", KendallTau.tauB(actual, reference), profile.minKendallTauB(), "")
                    : MetricResult.notApplicable("kendall_tau_b", ">=", profile.minKendallTauB(),
                            "a rank correlation is defined on logits, not on an arbitrary tensor"));
        }
        if (profile.greedyIdentical()) {
            if (ranking) {
                int a = Argmax.of(actual);
                int r = Argmax.of(reference);
                out.add(new MetricResult("argmax_agreement", a == r ? 1 : 0, "==", 1.0,
                        a == r ? MetricResult.Outcome.PASSED : MetricResult.Outcome.FAILED,
                        "actual argmax " + a + ", reference argmax " + r));
            } else {
                out.add(MetricResult.notApplicable("argmax_agreement", "==", 1,
                        "greedy agreement is defined on logits, not on an arbitrary tensor"));
            }
        }
    }

    /** ΔNLL gate over a scored token sequence; perplexities are reported alongside. */
    public static ParityVerdict sequence(ToleranceProfile profile, Values[] actualLogits, Values[] referenceLogits,
            int[] targetTokens) {
        SequenceNll actual = SequenceNll.of(actualLogits, targetTokens);
        SequenceNll reference = SequenceNll.of(referenceLogits, targetTokens);
        double delta = actual.meanNll() - reference.meanNll();
        String detail = "NLL actual " + Numbers.format(actual.meanNll()) + ", reference "
                + Numbers.format(reference.meanNll()) + " nats/token over " + targetTokens.length + " tokens";
        List<MetricResult> out = new ArrayList<>();
        out.add(profile.maxAbsDeltaNll() != null
                ? MetricResult.absAtMost("delta_nll", delta, profile.maxAbsDeltaNll(), detail)
                : MetricResult.informational("delta_nll", delta, detail));
        out.add(MetricResult.informational("perplexity_actual", actual.perplexity(), ""));
        out.add(MetricResult.informational("perplexity_reference", reference.perplexity(), ""));
        return new ParityVerdict(profile.name(), out);
    }

    /** Greedy-token gate: identical sequences, else the first divergence. */
    public static ParityVerdict tokens(ToleranceProfile profile, int[] actual, int[] reference) {
        Optional<TokenDivergence> d = TokenDivergence.first(actual, reference);
        double value = d.isPresent() ? 0 : 1;
        String detail = d.map(TokenDivergence::describe).orElse(reference.length + " tokens identical");
        MetricResult m = profile.greedyIdentical()
                ? new MetricResult("greedy_identical", value, "==", 1.0,
                        d.isPresent() ? MetricResult.Outcome.FAILED : MetricResult.Outcome.PASSED, detail)
                : MetricResult.informational("greedy_identical", value, detail);
        return new ParityVerdict(profile.name(), List.of(m));
    }
}
