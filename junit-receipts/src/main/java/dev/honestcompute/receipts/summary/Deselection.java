package dev.honestcompute.receipts.summary;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of a skip reason that means "deselected by an explicit, reported rule" (a tier not selected for this
 * run, a backend not present). Such skips are counted per rule in the run summary instead of as plain skips.
 *
 * <pre>{@code
 * return ConditionEvaluationResult.disabled(Deselection.reason("no-gpu", "nvidia-smi not found"));
 * }</pre>
 */
public final class Deselection {

    private static final Pattern RULE = Pattern.compile("^\\[deselected-by-rule:([a-z0-9][a-z0-9._-]*)] ");

    private Deselection() {
    }

    /** The skip reason for a test deselected by {@code ruleId}; {@code detail} says why, for people. */
    public static String reason(String ruleId, String detail) {
        if (ruleId == null || !ruleId.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("Deselection rule id '" + ruleId
                    + "' must be lower-case letters, digits, '.', '_' or '-', e.g. \"no-gpu\"");
        }
        return "[deselected-by-rule:" + ruleId + "] " + (detail == null ? "" : detail);
    }

    /** The rule id in a skip reason made by {@link #reason}, or empty for an ordinary skip. */
    public static Optional<String> ruleOf(String skipReason) {
        if (skipReason == null) {
            return Optional.empty();
        }
        Matcher m = RULE.matcher(skipReason);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
