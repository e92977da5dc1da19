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
 * per unit, above 1 is slower), {@code ci_low}, {@code ci_high}, {@code threshold}, {@code message}. Our own
 * {@code performance.measurements} layout keeps the comparisons apart, in {@code performance.comparisons} (matched by
 * {@code measurement} name). Numbers that are absent are NaN. BitNet.rs receipts without a {@code performance} section
 * show their {@code performance_baseline}.
 *
 * <p>For comparing the variants of one receipt ({@link VariantComparison}): the per-iteration time per unit
 * ({@code samples_ms} / {@code units_per_iteration}), the host's load average around the measured part
 * ({@code resources.load_average_start}, {@code load_average_end}) and its logical cores ({@code host.logical_cores}).
 */
record PerfMeasurement(String name, String unit, double p50Ms, double p95Ms, double meanMs, double unitsPerSecond,
                       boolean compared, String verdict, double ratio, double ciLow, double ciHigh, double threshold,
                       String message, List<Double> msPerUnit, double loadStart, double loadEnd, int logicalCores) {

    /** Samples read per measurement at most: a receipt is input, and a chart needs no more. */
    static final int MAX_SAMPLES = 100_000;

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
                return withComparisons(fromReceipt(performance.get("measurements"), null),
                        performance.path("comparisons"));
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

    /** Attaches {@code performance.comparisons[]} to the measurements they name (our own layout keeps them apart). */
    private static List<PerfMeasurement> withComparisons(List<PerfMeasurement> measurements, JsonNode comparisons) {
        if (!comparisons.isArray() || comparisons.isEmpty()) {
            return measurements;
        }
        List<PerfMeasurement> out = new ArrayList<>();
        for (PerfMeasurement m : measurements) {
            JsonNode cmp = null;
            for (JsonNode c : comparisons) {
                if (c.isObject() && m.name().equals(c.path("measurement").asText(null))) {
                    cmp = c;
                    break;
                }
            }
            out.add(m.compared() || cmp == null ? m : m.comparedWith(cmp));
        }
        return out;
    }

    private PerfMeasurement comparedWith(JsonNode cmp) {
        return new PerfMeasurement(name, unit, p50Ms, p95Ms, meanMs, unitsPerSecond, true,
                cmp.path("verdict").asText("unknown").toLowerCase(Locale.ROOT), Numbers.first(cmp, "ratio"),
                Numbers.first(cmp, "ci_low"), Numbers.first(cmp, "ci_high"), Numbers.first(cmp, "threshold"),
                cmp.path("message").asText(""), msPerUnit, loadStart, loadEnd, logicalCores);
    }

    /** The median time per unit: of the per-iteration samples when the receipt has them, else p50 or mean per unit. */
    double medianMsPerUnit() {
        if (!msPerUnit.isEmpty()) {
            double[] sorted = msPerUnit.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
        return Double.isFinite(unitsPerSecond) && unitsPerSecond > 0 ? 1000 / unitsPerSecond : Double.NaN;
    }

    /** Coefficient of variation (sample standard deviation / mean) of the time per unit; NaN below 2 samples. */
    double coefficientOfVariation() {
        int n = msPerUnit.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : msPerUnit) {
            mean += v;
        }
        mean /= n;
        double sq = 0;
        for (double v : msPerUnit) {
            sq += (v - mean) * (v - mean);
        }
        return mean > 0 ? Math.sqrt(sq / (n - 1)) / mean : Double.NaN;
    }

    /** The higher load average around the measured part per logical core; NaN when not recorded. */
    double loadPerCore() {
        double load = Double.isNaN(loadStart) ? loadEnd
                : Double.isNaN(loadEnd) ? loadStart : Math.max(loadStart, loadEnd);
        return logicalCores > 0 && !Double.isNaN(load) ? load / logicalCores : Double.NaN;
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
        List<Double> perUnit = msPerUnit(n.path("samples_ms"), n.path("units_per_iteration"));
        JsonNode resources = n.path("resources");
        double loadStart = Numbers.first(resources, "load_average_start");
        double loadEnd = Numbers.first(resources, "load_average_end");
        int cores = n.path("host").path("logical_cores").asInt(0);
        PerfMeasurement m = new PerfMeasurement(name, unit, p50, p95, mean, ups, false, "no baseline", Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, "no baseline comparison in the receipt", perUnit, loadStart,
                loadEnd, cores);
        return cmp == null ? m : m.comparedWith(cmp);
    }

    /**
     * Each iteration's milliseconds per unit: {@code samples_ms[i] / units_per_iteration[i]} (per iteration when the
     * units are absent); empty when the samples are missing, malformed or not all finite and positive.
     */
    private static List<Double> msPerUnit(JsonNode samples, JsonNode units) {
        List<Double> out = new ArrayList<>();
        if (!samples.isArray() || samples.size() > MAX_SAMPLES) {
            return out;
        }
        boolean perIteration = units.isArray() && units.size() == samples.size();
        for (int i = 0; i < samples.size(); i++) {
            double ms = Numbers.read(samples.get(i));
            double u = perIteration ? Numbers.read(units.get(i)) : 1;
            if (!(ms > 0) || !(u > 0) || !Double.isFinite(ms) || !Double.isFinite(u)) {
                return new ArrayList<>();
            }
            out.add(ms / u);
        }
        return List.copyOf(out);
    }
}
