package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.recorder.Backend;

/**
 * HC026–HC034: conclusions follow compute. What the recorder saw go wrong inside the window (mock leaks, forgeries,
 * failed kernels, unverified backends), and whether the library's own sections show the engine really ran in every
 * determinism run, every measured iteration and every parity check.
 */
final class HonestyChecks {

    /** A repeated run may make no fewer than this share of the first run's kernel calls (per unit, for perf). */
    static final double CACHE_RATIO = 0.5;

    private HonestyChecks() {
    }

    /** HC026. */
    static void mockLeaks(Subject s, Findings f) {
        notes(s, f, ReceiptFields.MOCK_LEAKS, ReceiptRule.MOCK_LEAK, "mock compute was reached in the production "
                + "window");
    }

    /** HC027. */
    static void forgeries(Subject s, Findings f) {
        notes(s, f, ReceiptFields.FORGERIES, ReceiptRule.FORGED_EVIDENCE, "code that forges evidence was loaded or "
                + "ran in the test's window");
    }

    private static void notes(Subject s, Findings f, String field, ReceiptRule rule, String what) {
        JsonNode list = s.get(ReceiptFields.RECORDER).path(field);
        String ptr = "/" + ReceiptFields.RECORDER + "/" + field;
        if (!list.isArray()) {
            f.error(rule, ptr, list, field + " must be an array written by the recorder, found "
                    + Findings.typeName(list) + "; regenerate the receipt");
            return;
        }
        for (int i = 0; i < list.size() && i < 10; i++) {
            f.error(rule, Findings.pointer(ptr, i), list.get(i), what + ": " + list.get(i).asText());
        }
        if (list.size() > 10) {
            f.error(rule, ptr, null, (list.size() - 10) + " more entries like the above");
        }
    }

    /** HC028. */
    static void failedKernelCalls(Subject s, Findings f) {
        if (s.get(ReceiptFields.CLAIMS).path(ReceiptFields.EXPECT_FAILED_KERNELS).asBoolean(false)) {
            return;
        }
        JsonNode stats = s.get(ReceiptFields.KERNEL_STATS);
        for (int i = 0; stats.isArray() && i < stats.size(); i++) {
            JsonNode failed = stats.get(i).path(ReceiptFields.FAILED_CALLS);
            if (failed.isIntegralNumber() && failed.longValue() > 0) {
                f.error(ReceiptRule.FAILED_KERNEL_CALLS, Findings.pointer(Findings.pointer("/"
                        + ReceiptFields.KERNEL_STATS, i), ReceiptFields.FAILED_CALLS), failed, "kernel '"
                        + stats.get(i).path(ReceiptFields.ID).asText() + "' failed " + failed.longValue()
                        + " time(s) inside the window, and the test does not declare expectFailedKernels");
            }
        }
    }

    /** HC029 and HC030. */
    static void backends(Subject s, Findings f) {
        JsonNode stats = s.get(ReceiptFields.KERNEL_STATS);
        JsonNode gpus = s.get(ReceiptFields.HOST).path("gpus");
        boolean hostHasGpu = gpus.isArray() && gpus.size() > 0;
        for (int i = 0; stats.isArray() && i < stats.size(); i++) {
            JsonNode k = stats.get(i);
            if (k.path(ReceiptFields.CALLS).asLong(0) <= 0) {
                continue;
            }
            String at = Findings.pointer("/" + ReceiptFields.KERNEL_STATS, i);
            JsonNode unverified = k.path(ReceiptFields.UNVERIFIED);
            if (unverified.isTextual() && !unverified.textValue().isEmpty()) {
                f.error(ReceiptRule.UNVERIFIED_BACKEND, Findings.pointer(at, ReceiptFields.UNVERIFIED), unverified,
                        "kernel '" + k.path(ReceiptFields.ID).asText() + "' (" + k.path(ReceiptFields.BACKEND).asText()
                                + "): " + unverified.textValue());
            }
            String backend = k.path(ReceiptFields.BACKEND).asText("");
            if (Backend.isGpu(backend) && !hostHasGpu) {
                f.error(ReceiptRule.GPU_KERNEL_WITHOUT_GPU, Findings.pointer(at, ReceiptFields.BACKEND),
                        k.path(ReceiptFields.BACKEND), "kernel '" + k.path(ReceiptFields.ID).asText() + "' ran "
                                + k.path(ReceiptFields.CALLS).asLong() + " time(s) on " + backend + ", but host.gpus is "
                                + Findings.render(gpus) + " (" + s.get(ReceiptFields.HOST).path("gpus_reason")
                                .asText("no reason given") + ")");
            }
        }
    }

    /** HC031: the determinism section's per-run kernel calls. */
    static void determinism(Subject s, Findings f) {
        JsonNode d = s.get(ReceiptFields.DETERMINISM);
        if (d.isMissingNode() || !d.path("recorder_active").asBoolean(false)) {
            return;
        }
        JsonNode runs = d.path("kernel_calls_per_run");
        String ptr = "/" + ReceiptFields.DETERMINISM + "/kernel_calls_per_run";
        if (!runs.isArray() || runs.isEmpty()) {
            f.error(ReceiptRule.DETERMINISM_CACHED, ptr, runs, "the determinism section lists no per-run kernel calls");
            return;
        }
        long first = runs.get(0).asLong(0);
        for (int i = 0; i < runs.size(); i++) {
            long calls = runs.get(i).asLong(0);
            if (calls == 0 || calls < CACHE_RATIO * first) {
                f.error(ReceiptRule.DETERMINISM_CACHED, Findings.pointer(ptr, i), runs.get(i), "determinism run " + i
                        + " made " + calls + " kernel call(s), run 0 made " + first + (calls == 0
                        ? ": it ran no kernel" : ": fewer than " + (int) (CACHE_RATIO * 100) + "%"));
            }
        }
    }

    /** HC032 and HC033: each measurement of the performance section. */
    static void performance(Subject s, Findings f) {
        JsonNode measurements = s.get(ReceiptFields.PERFORMANCE).path("measurements");
        for (int m = 0; measurements.isArray() && m < measurements.size(); m++) {
            JsonNode e = measurements.get(m);
            if (!e.path("recorder_active").asBoolean(false)) {
                continue; // HC016 reports an inactive recorder
            }
            String at = Findings.pointer("/" + ReceiptFields.PERFORMANCE + "/measurements", m);
            String name = e.path("name").asText("?");
            JsonNode total = e.path("kernel_calls");
            if (!total.isIntegralNumber() || total.longValue() <= 0) {
                f.error(ReceiptRule.PERF_WITHOUT_KERNELS, Findings.pointer(at, "kernel_calls"), total, "measurement '"
                        + name + "' produced " + e.path("total_units").asLong() + " " + e.path("unit").asText("units")
                        + " from " + Findings.render(total) + " kernel calls");
                continue;
            }
            JsonNode perUnit = e.path("kernel_calls_per_unit_per_iteration");
            if (!perUnit.isArray() || perUnit.isEmpty()) {
                continue;
            }
            double first = perUnit.get(0).asDouble();
            for (int i = 1; i < perUnit.size(); i++) {
                double v = perUnit.get(i).asDouble();
                if (v < CACHE_RATIO * first) {
                    f.error(ReceiptRule.PERF_CACHING, Findings.pointer(Findings.pointer(at,
                            "kernel_calls_per_unit_per_iteration"), i), perUnit.get(i), "measurement '" + name
                            + "' iteration " + i + " made " + v + " kernel calls per unit, the first "
                            + (e.path("warmup_iterations").asInt() > 0 ? "(warmup) " : "") + "iteration " + first);
                    break;
                }
            }
        }
    }

    /** HC034: every parity check's engine under test observed its own kernels. */
    static void parity(Subject s, Findings f) {
        JsonNode checks = s.get(ReceiptFields.PARITY).path("checks");
        if (!s.get(ReceiptFields.PARITY).path("recorder_active").asBoolean(false)) {
            return;
        }
        for (int i = 0; checks.isArray() && i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            JsonNode calls = c.path("underTest").path("kernelCalls");
            if (!calls.isIntegralNumber() || calls.longValue() <= 0) {
                f.error(ReceiptRule.PARITY_ENGINE_KERNELS, Findings.pointer(Findings.pointer("/" + ReceiptFields.PARITY
                        + "/checks", i), "underTest/kernelCalls"), calls, "parity check on input '"
                        + c.path("input").path("id").asText("?") + "': the engine under test ran "
                        + Findings.render(calls) + " kernel calls while producing its output");
            }
        }
    }
}
