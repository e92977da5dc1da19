package dev.honestcompute.receipts.report;

import java.util.Objects;

/**
 * One rule a receipt broke, as the report shows it: the verifier's findings adapted to the report (the report does
 * not depend on the verifier's classes, so it can render findings from any checker).
 *
 * <pre>{@code
 * new ReportViolation("kernels.mock-in-production", "error", "compute_path", "mock",
 *         "receipt admits mock compute", "remove @MockCompute classes from the production path");
 * }</pre>
 *
 * @param ruleId   stable rule id, e.g. {@code kernels.not-observed}
 * @param severity {@code error} or {@code warning} (free text; {@code error} makes the run's verdict fail)
 * @param field    the receipt field the rule looked at (a JSON pointer or field name); may be empty
 * @param found    what the receipt held there; may be empty
 * @param message  what is wrong
 * @param remedy   what to do next; may be empty
 */
public record ReportViolation(String ruleId, String severity, String field, String found, String message,
                              String remedy) {

    public ReportViolation {
        Objects.requireNonNull(ruleId, "ruleId");
        severity = severity == null || severity.isBlank() ? "error" : severity;
        field = field == null ? "" : field;
        found = found == null ? "" : found;
        message = message == null ? "" : message;
        remedy = remedy == null ? "" : remedy;
    }

    /** True for severity {@code error} (case-insensitive): such a violation fails the run's verdict. */
    public boolean isError() {
        return severity.equalsIgnoreCase("error");
    }
}
