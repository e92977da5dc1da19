package dev.honestcompute.receipts;

import java.util.Objects;

/**
 * One broken rule in one receipt.
 *
 * <pre>{@code
 * Violation v = verification.violations().get(0);
 * // HC003 ERROR /compute_path found "mock": compute_path must be "real" ... remedy: run the test against ...
 * }</pre>
 *
 * @param ruleId   the stable rule id, e.g. {@code "HC003"} ({@link ReceiptRule})
 * @param severity {@link Severity#ERROR} fails verification, {@link Severity#WARNING} does not
 * @param field    JSON pointer to the offending field, e.g. {@code "/performance_baseline/tokens_per_second"}
 * @param found    the value found, as JSON text ({@code "\"mock\""}, {@code "-1.0"}), or {@code <absent>}
 * @param message  what is wrong, in a sentence
 * @param remedy   what to do about it
 */
public record Violation(String ruleId, Severity severity, String field, String found, String message,
                        String remedy) {

    /** How bad a violation is. */
    public enum Severity {
        /** Fails verification. */
        ERROR,
        /** Reported, does not fail verification. */
        WARNING
    }

    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remedy, "remedy");
    }

    /** The rule this violation breaks. */
    public ReceiptRule rule() {
        return ReceiptRule.byId(ruleId);
    }

    /** Whether this violation fails verification. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line: {@code HC003 ERROR /compute_path found "mock": message (remedy: ...)}. */
    @Override
    public String toString() {
        return ruleId + " " + severity + " " + field + " found " + found + ": " + message + " (remedy: " + remedy
                + ")";
    }
}
