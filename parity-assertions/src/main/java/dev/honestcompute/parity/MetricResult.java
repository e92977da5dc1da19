package dev.honestcompute.parity;

/**
 * One metric of a {@link ParityVerdict}: its value, the limit it was held to, and the outcome. A plain record so
 * it maps directly to JSON in a receipt.
 *
 * @param metric     metric name, e.g. "cosine", "nmse", "kendall_tau_b", "mismatch_ratio", "delta_nll"
 * @param value      measured value (NaN when the inputs made it undefined, which fails any gate)
 * @param comparison how value is held to limit: "<=", ">=", "|x| <=" or "==" (null for informational metrics)
 * @param limit      the limit (null for informational metrics)
 * @param outcome    passed, failed, informational (no limit) or not applicable to these inputs
 * @param detail     where the damage is (index, tokens) or why it was not applicable; may be empty
 */
public record MetricResult(String metric, double value, String comparison, Double limit, Outcome outcome,
        String detail) {

    /** How one metric came out. Only PASSED and INFORMATIONAL let a verdict pass. */
    public enum Outcome {
        PASSED, FAILED, INFORMATIONAL, NOT_APPLICABLE
    }

    static MetricResult atMost(String metric, double value, double limit, String detail) {
        return new MetricResult(metric, value, "<=", limit, value <= limit ? Outcome.PASSED : Outcome.FAILED, detail);
    }

    static MetricResult atLeast(String metric, double value, double limit, String detail) {
        return new MetricResult(metric, value, ">=", limit, value >= limit ? Outcome.PASSED : Outcome.FAILED, detail);
    }

    static MetricResult absAtMost(String metric, double value, double limit, String detail) {
        return new MetricResult(metric, value, "|x| <=", limit,
                Math.abs(value) <= limit ? Outcome.PASSED : Outcome.FAILED, detail);
    }

    static MetricResult informational(String metric, double value, String detail) {
        return new MetricResult(metric, value, null, null, Outcome.INFORMATIONAL, detail);
    }

    static MetricResult notApplicable(String metric, String comparison, double limit, String why) {
        return new MetricResult(metric, Double.NaN, comparison, limit, Outcome.NOT_APPLICABLE, why);
    }

    /** "cosine = 0.98 (>= 0.99) FAILED: …" */
    public String describe() {
        StringBuilder sb = new StringBuilder(metric).append(" = ").append(Numbers.format(value));
        if (limit != null) {
            sb.append(" (").append(comparison).append(' ').append(Numbers.format(limit)).append(')');
        }
        sb.append(' ').append(outcome);
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }
}
