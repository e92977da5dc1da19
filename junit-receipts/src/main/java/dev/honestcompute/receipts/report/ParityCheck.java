package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parity comparison of a receipt's {@code parity} section, read tolerantly: {@code @ParityWith}'s layout (one
 * check per input: {@code profile}, {@code checks[{input{id}, verdict{metrics[...]}, underTest, reference}]},
 * {@code errors}), a verdict layout ({@code profile}, {@code metrics[{metric, value, comparison, limit, outcome,
 * detail}]}, optional {@code passed}, {@code reference}) or any other object (BitNet.rs's
 * {@code {"cpp_available": false, "status": "rust_only"}}), whose scalar fields are shown as they are.
 *
 * @param label       the profile (or name) the check was held to
 * @param input       the input's id ({@code @ParityWith} checks), or empty
 */
record ParityCheck(String label, String input, Outcome verdict, String verdictText, List<Metric> metrics,
                   Map<String, String> details) {

    /** Checks read per section at most: a receipt is input. */
    static final int MAX_CHECKS = 10_000;

    /** One metric with its limit and outcome. */
    record Metric(String name, String value, String comparison, String limit, Outcome outcome, String outcomeText,
                  String detail) {
    }

    /** The checks of a {@code parity} section: an array of verdicts, one verdict, or a free-form object. */
    static List<ParityCheck> fromSection(JsonNode section) {
        List<ParityCheck> out = new ArrayList<>();
        if (section == null || section.isMissingNode() || section.isNull()) {
            return out;
        }
        if (section.isArray()) {
            int i = 0;
            for (JsonNode n : section) {
                out.add(one(n, "parity[" + i++ + "]"));
            }
        } else if (section.isObject() && section.path("checks").isArray()) {
            return checks(section);
        } else if (section.isObject() && section.path("verdicts").isArray()) {
            int i = 0;
            for (JsonNode n : section.path("verdicts")) {
                out.add(one(n, "parity.verdicts[" + i++ + "]"));
            }
        } else {
            out.add(one(section, "parity"));
        }
        return out;
    }

    /**
     * {@code @ParityWith}'s section: one check per input, plus one failed check for the errors (an engine that threw,
     * a reference that could not open) and one for a test that checked nothing.
     */
    private static List<ParityCheck> checks(JsonNode section) {
        List<ParityCheck> out = new ArrayList<>();
        String profile = firstText(section, "parity", "profile", "name");
        for (JsonNode c : section.path("checks")) {
            if (out.size() >= MAX_CHECKS) {
                break;
            }
            if (!c.isObject()) {
                continue;
            }
            List<Metric> metrics = metrics(c.path("verdict").path("metrics"));
            Map<String, String> details = new LinkedHashMap<>();
            engine(details, "engine under test", c.path("underTest"));
            engine(details, "reference", c.path("reference"));
            boolean failed = metrics.stream().anyMatch(m -> m.outcome() == Outcome.FAIL);
            boolean passed = !failed && metrics.stream().anyMatch(m -> m.outcome() == Outcome.PASS);
            out.add(new ParityCheck(firstText(c.path("verdict"), profile, "profile"),
                    c.path("input").path("id").asText(""), failed ? Outcome.FAIL : passed ? Outcome.PASS : Outcome.INFO,
                    failed ? "failed" : passed ? "passed" : "no verdict", metrics, details));
        }
        List<String> errors = new ArrayList<>();
        section.path("errors").forEach(e -> errors.add(e.asText()));
        if (!errors.isEmpty()) {
            out.add(new ParityCheck(profile, "", Outcome.FAIL, "failed", List.of(),
                    Map.of("errors", String.join("; ", errors))));
        } else if (out.isEmpty()) {
            out.add(new ParityCheck(profile, "", Outcome.FAIL, "failed", List.of(),
                    Map.of("errors", "no parity check ran: the test never called ParityCheck.check")));
        }
        return out;
    }

    private static void engine(Map<String, String> details, String role, JsonNode run) {
        if (!run.isObject()) {
            return;
        }
        JsonNode engine = run.path("engine");
        String name = (engine.path("name").asText("") + " " + engine.path("version").asText("")).trim();
        double nanos = Numbers.read(run.get("nanos"));
        details.put(role, name + (Double.isFinite(nanos) ? " (" + Numbers.format(nanos / 1e6) + " ms)" : ""));
    }

    private static List<Metric> metrics(JsonNode array) {
        List<Metric> metrics = new ArrayList<>();
        for (JsonNode m : array) {
            if (!m.isObject()) {
                continue;
            }
            String outcomeText = text(m, "outcome", text(m, "verdict", m.has("passed") ? m.get("passed").asText() : ""));
            metrics.add(new Metric(text(m, "metric", text(m, "name", "?")), value(m.get("value")),
                    text(m, "comparison", ""), value(m.get("limit")), Outcome.of(outcomeText), outcomeText,
                    text(m, "detail", "")));
        }
        return metrics;
    }

    private static ParityCheck one(JsonNode n, String fallbackLabel) {
        if (!n.isObject()) {
            return new ParityCheck(fallbackLabel, "", Outcome.INFO, n.asText(), List.of(), Map.of());
        }
        List<Metric> metrics = metrics(n.path("metrics"));
        Map<String, String> details = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("metrics") && e.getValue().isValueNode()) {
                details.put(e.getKey(), e.getValue().asText());
            } else if (e.getKey().equals("reference") && e.getValue().isObject()) {
                details.put("reference", reference(e.getValue()));
            }
        }
        String label = firstText(n, fallbackLabel, "name", "profile");
        String verdictText;
        Outcome verdict;
        if (n.path("passed").isBoolean()) {
            verdict = n.get("passed").booleanValue() ? Outcome.PASS : Outcome.FAIL;
            verdictText = verdict == Outcome.PASS ? "passed" : "failed";
        } else if (n.path("verdict").isTextual() || n.path("status").isTextual()) {
            verdictText = firstText(n, "", "verdict", "status");
            verdict = Outcome.of(verdictText);
        } else if (metrics.stream().anyMatch(m -> m.outcome() == Outcome.FAIL)) {
            verdict = Outcome.FAIL;
            verdictText = "failed";
        } else if (!metrics.isEmpty() && metrics.stream().anyMatch(m -> m.outcome() == Outcome.PASS)) {
            verdict = Outcome.PASS;
            verdictText = "passed";
        } else {
            verdict = Outcome.INFO;
            verdictText = "no verdict";
        }
        // A verdict that claims "passed" while a metric failed is shown as failed: the metrics are the evidence.
        if (verdict == Outcome.PASS && metrics.stream().anyMatch(m -> m.outcome() == Outcome.FAIL)) {
            verdict = Outcome.FAIL;
            verdictText = verdictText + " (but a metric failed)";
        }
        return new ParityCheck(label, text(n, "input", ""), verdict, verdictText, metrics, details);
    }

    private static String reference(JsonNode ref) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
            }
        }
        return sb.toString();
    }

    private static String value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        return v.isNumber() ? Numbers.format(v.doubleValue()) : v.asText();
    }

    private static String text(JsonNode n, String field, String otherwise) {
        JsonNode v = n.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : otherwise;
    }

    private static String firstText(JsonNode n, String otherwise, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isTextual() && !v.textValue().isBlank()) {
                return v.textValue();
            }
        }
        return otherwise;
    }
}
