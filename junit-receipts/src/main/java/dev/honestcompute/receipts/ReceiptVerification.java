package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of verifying one receipt: every violation found (not just the first), in rule order.
 *
 * <pre>{@code
 * ReceiptVerification result = ReceiptVerifier.forPolicy("default").verify(receipt);
 * if (!result.passed()) {
 *     throw new AssertionError(result.describe());
 * }
 * }</pre>
 *
 * @param source     the receipt's file path or label
 * @param policy     the policy it was verified under ({@code default}, {@code bitnet}, {@code bitnet-strict})
 * @param violations all violations, errors and warnings
 */
public record ReceiptVerification(String source, String policy, List<Violation> violations) {

    public ReceiptVerification {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        violations = List.copyOf(violations);
    }

    /** True when there is no {@link Violation.Severity#ERROR ERROR} (warnings allowed). */
    public boolean passed() {
        return violations.stream().noneMatch(Violation::isError);
    }

    public List<Violation> errors() {
        return violations.stream().filter(Violation::isError).collect(Collectors.toList());
    }

    public List<Violation> warnings() {
        return violations.stream().filter(v -> !v.isError()).collect(Collectors.toList());
    }

    /** The distinct rule ids that fired, in order. */
    public List<String> ruleIds() {
        return violations.stream().map(Violation::ruleId).distinct().collect(Collectors.toList());
    }

    /** A multi-line human description: the source and verdict, then one block per violation. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(passed() ? "PASSED" : "FAILED").append(" (policy ").append(policy)
                .append(", ").append(errors().size()).append(" error(s), ").append(warnings().size())
                .append(" warning(s))");
        for (Violation v : violations) {
            sb.append(System.lineSeparator()).append("  ").append(v.ruleId()).append(' ').append(v.severity())
                    .append(' ').append(v.field()).append(System.lineSeparator())
                    .append("    found:  ").append(v.found()).append(System.lineSeparator())
                    .append("    reason: ").append(indented(v.message())).append(System.lineSeparator())
                    .append("    remedy: ").append(v.remedy());
        }
        return sb.toString();
    }

    /** A multi-line message (BitNet.rs's are) with its later lines under the first. */
    private static String indented(String message) {
        StringBuilder sb = new StringBuilder();
        String[] lines = message.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append(System.lineSeparator()).append(lines[i].isEmpty() ? "" : "            ");
            }
            sb.append(lines[i]);
        }
        return sb.toString();
    }

    /** Machine-readable form, as printed by {@code verify --json}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("source", source);
        n.put("policy", policy);
        n.put("passed", passed());
        ArrayNode arr = n.putArray("violations");
        for (Violation v : violations) {
            ObjectNode o = arr.addObject();
            o.put("rule_id", v.ruleId());
            o.put("severity", v.severity().name());
            o.put("field", v.field());
            o.put("found", v.found());
            o.put("message", v.message());
            o.put("remedy", v.remedy());
        }
        return n;
    }
}
