package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measurement of a receipt's {@code performance} section, read tolerantly: an array of entries or one entry,
 * each with {@code name}, {@code unit}, {@code latency{p50_ms, p95_ms, mean_ms}}, {@code units_per_second} (or
 * {@code tokens_per_second}) and an optional baseline comparison object under {@code baseline_comparison}
 * ({@code comparison} or {@code baseline} accepted too) with {@code verdict}, {@code ratio} (current / baseline time
 * per unit, above 1 is slower), {@code ci_low}, {@code ci_high}, {@code threshold}, {@code message}. Numbers that are
 * absent are NaN. BitNet.rs receipts without a {@code performance} section show their {@code performance_baseline}.
 */
record PerfMeasurement(String name, String unit, double p50Ms, double p95Ms, double meanMs, double unitsPerSecond,
                       boolean compared, String verdict, double ratio, double ciLow, double ciHigh, double threshold,
                       String message) {

    static final String[] COMPARISON_FIELDS = {"baseline_comparison", "comparison", "baseline"};

    /** The outcome of the baseline comparison (no comparison: a warning, since nothing was checked). */
    Outcome outcome() {
        return compared ? Outcome.of(verdict) : Outcome.WARN;
    }

    /** Measurements of a {@code performance} section, else of BitNet's {@code performance_baseline}, else none. */
    static List<PerfMeasurement> fromReceipt(JsonNode performance, JsonNode bitnetBaseline) {
        List<PerfMeasurement> out = new ArrayList<>();
        if (performance != null && performance.isArray()) {
            int i = 0;
            for (JsonNode n : performance) {
                if (n.isObject()) {
                    out.add(one(n, "measurement " + i));
                }
                i++;
            }
        } else if (performance != null && performance.isObject()) {
            if (performance.path("measurements").isArray()) {
                return fromReceipt(performance.get("measurements"), null);
            }
            if (isMeasurement(performance)) {
                out.add(one(performance, "performance"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = performance.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isObject()) {
                        out.add(one(e.getValue(), e.getKey()));
                    }
                }
            }
        }
        if (out.isEmpty() && bitnetBaseline != null && bitnetBaseline.isObject()) {
            out.add(one(bitnetBaseline, "performance_baseline"));
        }
        return out;
    }

    private static boolean isMeasurement(JsonNode n) {
        return n.has("name") || n.has("latency") || n.has("units_per_second") || n.has("tokens_per_second")
                || n.has("samples_ms");
    }

    private static PerfMeasurement one(JsonNode n, String fallbackName) {
        JsonNode latency = n.path("latency");
        double p50 = Numbers.first(latency, "p50_ms");
        if (Double.isNaN(p50)) {
            p50 = Numbers.first(n, "p50_ms");
        }
        double p95 = Numbers.first(latency, "p95_ms");
        if (Double.isNaN(p95)) {
            p95 = Numbers.first(n, "p95_ms");
        }
        double mean = Numbers.first(latency, "mean_ms");
        if (Double.isNaN(mean)) {
            mean = Numbers.first(n, "mean_ms", "average_token_latency_ms");
        }
        JsonNode cmp = null;
        for (String f : COMPARISON_FIELDS) {
            if (n.path(f).isObject()) {
                cmp = n.get(f);
                break;
            }
        }
        String name = n.path("name").isTextual() ? n.get("name").textValue() : fallbackName;
        String unit = n.path("unit").isTextual() ? n.get("unit").textValue()
                : n.has("tokens_per_second") ? "tokens" : "units";
        double ups = Numbers.first(n, "units_per_second", "tokens_per_second");
        if (cmp == null) {
            return new PerfMeasurement(name, unit, p50, p95, mean, ups, false, "no baseline", Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, "no baseline comparison in the receipt");
        }
        String verdict = cmp.path("verdict").asText("unknown").toLowerCase(Locale.ROOT);
        return new PerfMeasurement(name, unit, p50, p95, mean, ups, true, verdict, Numbers.first(cmp, "ratio"),
                Numbers.first(cmp, "ci_low"), Numbers.first(cmp, "ci_high"), Numbers.first(cmp, "threshold"),
                cmp.path("message").asText(""));
    }
}
