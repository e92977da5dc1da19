package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation;
import dev.honestcompute.receipts.Violation.Severity;

import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one verification run. Internal: not API. */
public final class Findings {

    /** How {@code found} reads when the field is not there. */
    public static final String ABSENT = "<absent>";
    private static final int MAX_FOUND_CHARS = 200;

    private final List<Violation> violations = new ArrayList<>();

    public void error(ReceiptRule rule, String field, JsonNode found, String message) {
        add(rule, Severity.ERROR, field, found, message, rule.remedy());
    }

    public void warning(ReceiptRule rule, String field, JsonNode found, String message) {
        add(rule, Severity.WARNING, field, found, message, rule.remedy());
    }

    public void add(ReceiptRule rule, Severity severity, String field, JsonNode found, String message,
                    String remedy) {
        violations.add(new Violation(rule.id(), severity, field, render(found), message, remedy));
    }

    /** Whether a violation of {@code rule} was already reported at {@code field}. */
    public boolean reported(ReceiptRule rule, String field) {
        for (Violation v : violations) {
            if (v.ruleId().equals(rule.id()) && v.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** JSON text of a node, shortened; {@link #ABSENT} for a missing field. */
    public static String render(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return ABSENT;
        }
        String text = node.toString();
        return text.length() <= MAX_FOUND_CHARS ? text
                : text.substring(0, MAX_FOUND_CHARS) + "... (" + text.length() + " chars)";
    }

    /** A JSON pointer to {@code key} under {@code base}, escaped per RFC 6901. */
    public static String pointer(String base, String key) {
        return base + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String pointer(String base, int index) {
        return base + "/" + index;
    }

    /** A short name for a node's JSON type, for "expected a number, found a string" messages. */
    public static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isArray() ? "an array" : "an object";
    }
}
