package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation;
import dev.honestcompute.receipts.Violation.Severity;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the violations of one verification run. Internal: not API.
 *
 * <p>Bounded: each rule keeps its first {@value #MAX_PER_RULE} violations; the rest are counted, and
 * {@link #violations()} ends with one violation per such rule saying how many more there were. A receipt with millions
 * of bad kernel ids thus gives a report of a few kilobytes, not one line per id.
 */
public final class Findings {

    /** How {@code found} reads when the field is not there. */
    public static final String ABSENT = "<absent>";
    /** Violations listed per rule and receipt; further ones are only counted. */
    public static final int MAX_PER_RULE = 20;
    private static final int MAX_FOUND_CHARS = 200;

    /** Violations of one rule beyond the cap: how many, and whether any was an error. */
    private static final class Overflow {
        final ReceiptRule rule;
        long count;
        boolean error;
        String remedy;

        Overflow(ReceiptRule rule) {
            this.rule = rule;
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Integer> listed = new LinkedHashMap<>();
    private final Map<String, Overflow> overflow = new LinkedHashMap<>();

    public void error(ReceiptRule rule, String field, JsonNode found, String message) {
        add(rule, Severity.ERROR, field, found, message, rule.remedy());
    }

    public void warning(ReceiptRule rule, String field, JsonNode found, String message) {
        add(rule, Severity.WARNING, field, found, message, rule.remedy());
    }

    public void add(ReceiptRule rule, Severity severity, String field, JsonNode found, String message,
                    String remedy) {
        if (listed.merge(rule.id(), 1, Integer::sum) > MAX_PER_RULE) {
            Overflow o = overflow.computeIfAbsent(rule.id(), id -> new Overflow(rule));
            o.count++;
            o.error |= severity == Severity.ERROR;
            o.remedy = remedy;
            return;
        }
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

    /** The listed violations, then one per rule that had more than {@value #MAX_PER_RULE}, counting the rest. */
    public List<Violation> violations() {
        if (overflow.isEmpty()) {
            return violations;
        }
        List<Violation> out = new ArrayList<>(violations);
        for (Overflow o : overflow.values()) {
            out.add(new Violation(o.rule.id(), o.error ? Severity.ERROR : Severity.WARNING, "", ABSENT,
                    "... and " + o.count + " more " + o.rule.id() + " violation(s) in this receipt, not listed: "
                            + "each rule lists its first " + MAX_PER_RULE, o.remedy));
        }
        return out;
    }

    /** JSON text of a node, shortened; {@link #ABSENT} for a missing field. */
    public static String render(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return ABSENT;
        }
        if (node.isValueNode()) {
            String text = node.toString();
            return text.length() <= MAX_FOUND_CHARS ? text
                    : text.substring(0, MAX_FOUND_CHARS) + "... (" + text.length() + " chars)";
        }
        // A container can hold millions of entries: serialize only the first characters, never the whole node.
        StringBuilder sb = new StringBuilder(MAX_FOUND_CHARS + 1);
        try {
            dev.honestcompute.receipts.internal.ReceiptJson.mapper().writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValue(new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) throws IOException {
                    sb.append(cbuf, off, Math.min(len, MAX_FOUND_CHARS + 1 - sb.length()));
                    if (sb.length() > MAX_FOUND_CHARS) {
                        throw new Truncated();
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            }, node);
        } catch (Truncated e) {
            return sb.substring(0, MAX_FOUND_CHARS) + "... (truncated, " + node.size() + " entries)";
        } catch (IOException e) {
            return "<unprintable: " + e.getMessage() + ">";
        }
        return sb.toString();
    }

    /** Stops serializing a node once the rendering is long enough. */
    private static final class Truncated extends IOException {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super("truncated", null);
        }
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
