package dev.honestcompute.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Evaluates {@link Rule}s against receipts. Plain Java over the receipt model: each failure says which rule, which
 * test, what it expected and what the receipt shows.
 */
final class RuleCheck {

    private RuleCheck() {
    }

    /** Problems with the rules themselves (before any receipt is read). */
    static List<String> configurationProblems(List<Rule> rules) {
        List<String> out = new ArrayList<>();
        if (rules == null || rules.isEmpty()) {
            out.add("no <rules> configured: a check without rules cannot fail; add at least one <rule> (see "
                    + "docs/maven.md#check) or remove the check goal");
            return out;
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String label = r.label(i + 1);
            if (r.tests == null || r.tests.isBlank()) {
                out.add(label + ": <tests> is empty; use * for every test");
            }
            if (!r.requiresSomething()) {
                out.add(label + ": requires nothing; set at least one of backend, kernel, parityProfile, "
                        + "minUnitsPerSecond, maxP50Millis, maxP95Millis, or minReceipts above 1");
            }
            if (r.minReceipts < 0) {
                out.add(label + ": <minReceipts> must be 0 or more, was " + r.minReceipts);
            }
            for (Double limit : new Double[] {r.minUnitsPerSecond, r.maxP50Millis, r.maxP95Millis}) {
                if (limit != null && !(limit >= 0 && Double.isFinite(limit))) {
                    out.add(label + ": perf limits must be finite and not negative, found " + limit);
                }
            }
            if (r.measurement != null && !r.hasPerfLimit()) {
                out.add(label + ": <measurement> selects measurements for perf limits, but no limit is set; add "
                        + "minUnitsPerSecond, maxP50Millis or maxP95Millis");
            }
        }
        return out;
    }

    /** Every failure of every rule over {@code receipts}; empty when all rules hold. */
    static List<String> failures(List<Rule> rules, List<Receipt> receipts) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String label = r.label(i + 1);
            Pattern tests = glob(r.tests.trim());
            boolean withMethod = r.tests.contains("#");
            int matched = 0;
            for (Receipt receipt : receipts) {
                String cls = receipt.test().map(Receipt.TestIdentity::className).orElse("");
                String method = receipt.test().map(Receipt.TestIdentity::methodName).orElse("");
                String name = withMethod ? cls + "#" + method : cls;
                if (cls.isEmpty() || !tests.matcher(name).matches()) {
                    continue;
                }
                matched++;
                String who = label + " " + cls + "#" + method + " (" + receipt.source() + "): ";
                check(r, receipt).forEach(p -> out.add(who + p));
            }
            if (matched < r.minReceipts) {
                out.add(label + ": expected at least " + r.minReceipts + " receipt(s) of tests matching '" + r.tests
                        + "', found " + matched + " among " + receipts.size() + " receipt(s); check the pattern "
                        + "(class glob, or class#method with '#') and that those tests use @EmitsReceipt");
            }
        }
        return out;
    }

    private static List<String> check(Rule r, Receipt receipt) {
        List<String> out = new ArrayList<>();
        List<Receipt.KernelStat> ran = receipt.kernelStats().stream().filter(k -> k.calls() > 0).toList();
        if (r.backend != null) {
            String want = r.backend.trim().toLowerCase(Locale.ROOT);
            if (ran.stream().noneMatch(k -> k.backend().toLowerCase(Locale.ROOT).equals(want))) {
                TreeSet<String> found = new TreeSet<>();
                ran.forEach(k -> found.add(k.backend()));
                out.add("expected a kernel observed on backend '" + r.backend + "', found " + (found.isEmpty()
                        ? "no observed kernel" : "backends " + found));
            }
        }
        if (r.kernel != null) {
            Pattern k = glob(r.kernel.trim());
            if (ran.stream().noneMatch(s -> k.matcher(s.id()).matches())) {
                TreeSet<String> found = new TreeSet<>();
                ran.forEach(s -> found.add(s.id()));
                out.add("expected an observed kernel matching '" + r.kernel + "', found " + (found.isEmpty()
                        ? "no observed kernel" : found));
            }
        }
        if (r.parityProfile != null) {
            JsonNode parity = receipt.get(ReceiptFields.PARITY);
            if (parity == null || !parity.isObject()) {
                out.add("expected a parity section with profile '" + r.parityProfile + "', found none (the test "
                        + "needs @ParityWith or a ParityCheck)");
            } else {
                String profile = parity.path("profile").asText("");
                boolean passed = parity.path("passed").asBoolean(false);
                if (!profile.equals(r.parityProfile) || !passed) {
                    out.add("expected parity profile '" + r.parityProfile + "' passed, found profile '" + profile
                            + "' " + (passed ? "passed" : "not passed (status " + parity.path("status").asText("?")
                            + ")"));
                }
            }
        }
        if (r.hasPerfLimit()) {
            out.addAll(checkPerf(r, receipt));
        }
        return out;
    }

    private static List<String> checkPerf(Rule r, Receipt receipt) {
        List<String> out = new ArrayList<>();
        Pattern which = glob(r.measurement == null ? "*" : r.measurement.trim());
        List<JsonNode> selected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode m : receipt.get(ReceiptFields.PERFORMANCE).path("measurements")) {
            String name = m.path("name").asText("");
            names.add(name);
            if (which.matcher(name).matches()) {
                selected.add(m);
            }
        }
        if (selected.isEmpty()) {
            out.add("expected a performance measurement" + (r.measurement == null ? "" : " named '" + r.measurement
                    + "'") + ", found " + (names.isEmpty() ? "no performance section (the test needs "
                    + "@MeasurePerformance)" : "measurements " + names));
            return out;
        }
        for (JsonNode m : selected) {
            String name = "measurement '" + m.path("name").asText("") + "'";
            String unit = m.path("unit").asText("units");
            limit(out, name + " " + unit + "/s", m.path("units_per_second"), r.minUnitsPerSecond, true);
            limit(out, name + " p50 latency (ms)", m.path("latency").path("p50_ms"), r.maxP50Millis, false);
            limit(out, name + " p95 latency (ms)", m.path("latency").path("p95_ms"), r.maxP95Millis, false);
        }
        return out;
    }

    private static void limit(List<String> out, String what, JsonNode value, Double limit, boolean atLeast) {
        if (limit == null) {
            return;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            out.add("expected " + what + (atLeast ? " >= " : " <= ") + limit + ", found " + (value.isMissingNode()
                    ? "no value" : value.toString()));
            return;
        }
        double v = value.asDouble();
        if (atLeast ? v < limit : v > limit) {
            out.add("expected " + what + (atLeast ? " >= " : " <= ") + limit + ", found " + v);
        }
    }

    /** A glob: {@code *} any characters (dots included), {@code ?} one character, everything else literal. */
    static Pattern glob(String glob) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    sb.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                sb.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            sb.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(sb.toString());
    }
}
