package dev.honestcompute.parity;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of holding one comparison to a {@link ToleranceProfile}: every metric with its value, limit and
 * outcome. A plain record, so {@code @ParityWith} can write it into a receipt as JSON.
 *
 * <pre>{@code
 * ParityVerdict v = ParityEvaluator.logits(ToleranceProfile.FP32, Values.of(actual), Values.of(reference));
 * if (!v.passed()) System.out.println(v.describe());
 * }</pre>
 *
 * @param profile the profile's name (records overrides)
 * @param metrics each metric, in evaluation order
 */
public record ParityVerdict(String profile, List<MetricResult> metrics) {

    public ParityVerdict {
        metrics = List.copyOf(metrics);
    }

    /** True when no metric failed. NOT_APPLICABLE metrics are listed, not passed; they do not fail the verdict. */
    public boolean passed() {
        return metrics.stream().noneMatch(m -> m.outcome() == MetricResult.Outcome.FAILED);
    }

    /** The failed metrics. */
    public List<MetricResult> failures() {
        return metrics.stream().filter(m -> m.outcome() == MetricResult.Outcome.FAILED).toList();
    }

    /** Both verdicts' metrics under one profile name (e.g. logits metrics plus sequence metrics). */
    public ParityVerdict and(ParityVerdict other) {
        if (!profile.equals(other.profile)) {
            throw new IllegalArgumentException("cannot merge verdicts of different profiles: '" + profile + "' and '"
                    + other.profile + "'");
        }
        List<MetricResult> all = new java.util.ArrayList<>(metrics);
        all.addAll(other.metrics);
        return new ParityVerdict(profile, all);
    }

    /** Multi-line summary, one metric per line. */
    public String describe() {
        return "Parity verdict for profile " + profile + ": " + (passed() ? "PASSED" : "FAILED") + "\n"
                + metrics.stream().map(m -> "  " + m.describe()).collect(Collectors.joining("\n"));
    }
}
