package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run summary's view of performance: how many tests measured something, the baseline verdicts, and every
 * warning (non-gating regressions, baselines from another host, recorder inactive, unusable baselines), each
 * prefixed with the test it belongs to. Plain Java, so the run-summary writer can call it.
 *
 * <pre>{@code
 * PerformanceSummary perf = PerformanceSummary.of(receipts);
 * summary.set("performance", ReceiptJson.mapper().valueToTree(perf));
 * perf.warnings().forEach(System.err::println);
 * }</pre>
 *
 * @param measuredTests receipts with a {@code performance} section
 * @param verdicts      verdict name ({@link PerfVerdict}) -&gt; number of measurements with it
 * @param warnings      "&lt;test unique id or receipt source&gt;: &lt;warning&gt;", in receipt order
 */
public record PerformanceSummary(
        @JsonProperty("measured_tests") int measuredTests,
        @JsonProperty("verdicts") Map<String, Integer> verdicts,
        @JsonProperty("warnings") List<String> warnings) {

    public PerformanceSummary {
        verdicts = java.util.Collections.unmodifiableMap(new TreeMap<>(verdicts));
        warnings = List.copyOf(warnings);
    }

    /** Summarizes the performance sections of {@code receipts}; receipts without one are ignored. */
    public static PerformanceSummary of(List<Receipt> receipts) {
        int measured = 0;
        Map<String, Integer> verdicts = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        for (Receipt r : receipts) {
            JsonNode perf = r.get(ReceiptFields.PERFORMANCE);
            if (!perf.isObject()) {
                continue;
            }
            measured++;
            String who = r.test().map(Receipt.TestIdentity::uniqueId).filter(s -> !s.isBlank()).orElse(r.source());
            for (JsonNode c : perf.path("comparisons")) {
                verdicts.merge(c.path("verdict").asText("UNKNOWN"), 1, Integer::sum);
            }
            for (JsonNode w : perf.path("warnings")) {
                warnings.add(who + ": " + w.asText());
            }
        }
        return new PerformanceSummary(measured, verdicts, warnings);
    }
}
