package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation.Severity;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.KernelRecorder;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** HC012, HC014–HC017: what the recorder observed, and whether the receipt says exactly that. */
final class ObservationChecks {

    private ObservationChecks() {
    }

    /** HC014. */
    static void kernelStatsShape(Subject s, Findings f) {
        JsonNode stats = s.get(ReceiptFields.KERNEL_STATS);
        String ptr = "/" + ReceiptFields.KERNEL_STATS;
        if (!stats.isArray()) {
            f.error(ReceiptRule.KERNEL_STATS_SHAPE, ptr, stats, "kernel_stats must be an array of observations "
                    + "written by the recorder, found " + Findings.typeName(stats));
            return;
        }
        for (int i = 0; i < stats.size(); i++) {
            JsonNode e = stats.get(i);
            String at = Findings.pointer(ptr, i);
            if (!e.isObject()) {
                f.error(ReceiptRule.KERNEL_STATS_SHAPE, at, e, "expected an object, found " + Findings.typeName(e));
                continue;
            }
            JsonNode id = e.path(ReceiptFields.ID);
            if (!id.isTextual() || id.textValue().isBlank()) {
                f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + ReceiptFields.ID, id,
                        "id must be a non-blank string, found " + Findings.typeName(id));
            }
            JsonNode backend = e.path(ReceiptFields.BACKEND);
            if (!backend.isTextual() || backend.textValue().isBlank()) {
                f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + ReceiptFields.BACKEND, backend,
                        "backend must be a non-blank string, found " + Findings.typeName(backend));
            }
            count(f, e, at, ReceiptFields.CALLS, true);
            count(f, e, at, ReceiptFields.FAILED_CALLS, false);
            JsonNode nanos = e.path(ReceiptFields.NANOS);
            if (!nanos.isMissingNode() && !(isLong(nanos) && nanos.longValue() >= -1)) {
                f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + ReceiptFields.NANOS, nanos,
                        "nanos must be an integer >= 0 (or -1 when timing was off)");
            }
            JsonNode timedCalls = e.path(ReceiptFields.TIMED_CALLS);
            if (!timedCalls.isMissingNode()) {
                long all = e.path(ReceiptFields.CALLS).asLong(0) + e.path(ReceiptFields.FAILED_CALLS).asLong(0);
                if (!isLong(timedCalls) || timedCalls.longValue() < 0 || timedCalls.longValue() > all) {
                    f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + ReceiptFields.TIMED_CALLS, timedCalls,
                            "timed_calls must be an integer between 0 and calls + failed_calls (" + all + "): how "
                                    + "many calls nanos covers when the recorder sampled");
                } else if (!(isLong(nanos) && nanos.longValue() >= 0)) {
                    f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + ReceiptFields.TIMED_CALLS, timedCalls,
                            "timed_calls needs nanos >= 0 beside it: it counts the calls nanos covers");
                }
            }
            JsonNode requires = e.path(ReceiptFields.REQUIRES);
            if (!requires.isMissingNode()) {
                if (!requires.isArray()) {
                    f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + ReceiptFields.REQUIRES, requires,
                            "requires must be an array of CPU feature names, found " + Findings.typeName(requires));
                } else {
                    for (int j = 0; j < requires.size(); j++) {
                        if (!requires.get(j).isTextual()) {
                            f.error(ReceiptRule.KERNEL_STATS_SHAPE,
                                    Findings.pointer(at + "/" + ReceiptFields.REQUIRES, j), requires.get(j),
                                    "a required CPU feature must be a string, found "
                                            + Findings.typeName(requires.get(j)));
                        }
                    }
                }
            }
        }
    }

    private static void count(Findings f, JsonNode entry, String at, String name, boolean required) {
        JsonNode n = entry.path(name);
        if (n.isMissingNode() && !required) {
            return;
        }
        if (!isLong(n) || n.longValue() < 0) {
            f.error(ReceiptRule.KERNEL_STATS_SHAPE, at + "/" + name, n, name + " must be a non-negative integer, found "
                    + (n.isNumber() ? n.toString() : Findings.typeName(n)));
        }
    }

    static boolean isLong(JsonNode n) {
        return n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong();
    }

    /** HC015: kernels == { kernel_stats ids with calls > 0 }. */
    static void kernelsObserved(Subject s, Findings f) {
        if (!s.get(ReceiptFields.KERNELS).isArray() || !s.get(ReceiptFields.KERNEL_STATS).isArray()) {
            return; // HC005 / HC014 already report the missing arrays
        }
        Set<String> ran = new LinkedHashSet<>();
        for (Subject.Observation o : s.ran()) {
            ran.add(o.id());
        }
        JsonNode kernels = s.get(ReceiptFields.KERNELS);
        Set<String> listed = new LinkedHashSet<>();
        for (int i = 0; i < kernels.size(); i++) {
            JsonNode k = kernels.get(i);
            if (!k.isTextual() || KernelListChecks.isBlankId(k.textValue())) {
                continue;
            }
            listed.add(k.textValue());
            if (!ran.contains(k.textValue())) {
                f.error(ReceiptRule.KERNELS_NOT_OBSERVED, Findings.pointer("/" + ReceiptFields.KERNELS, i), k,
                        "kernel '" + k.textValue() + "' is declared, not observed: kernel_stats has no entry for it "
                                + "with calls > 0");
            }
        }
        for (Subject.Observation o : s.ran()) {
            if (!listed.contains(o.id())) {
                f.error(ReceiptRule.KERNELS_NOT_OBSERVED, Findings.pointer("/" + ReceiptFields.KERNEL_STATS, o.index()),
                        s.get(ReceiptFields.KERNEL_STATS).get(o.index()), "kernel '" + o.id() + "' ran " + o.calls()
                                + " time(s) but is missing from kernels");
            }
        }
    }

    /** HC016. */
    static void recorderActive(Subject s, Findings f) {
        JsonNode recorder = s.get(ReceiptFields.RECORDER);
        JsonNode active = recorder.path(ReceiptFields.ACTIVE);
        String ptr = "/" + ReceiptFields.RECORDER + "/" + ReceiptFields.ACTIVE;
        if (!active.isBoolean() || !active.booleanValue()) {
            f.add(ReceiptRule.RECORDER_INACTIVE, Severity.ERROR, ptr, active,
                    "the kernel recorder was not active (" + (active.isBoolean() ? "recorder.active=false"
                            : "expected a boolean, found " + Findings.typeName(active))
                            + "), so no kernel could be observed",
                    KernelRecorder.activationHint());
        }
    }

    /** The mark an evidence source's fallback carries in its detail (the recorder appends it). */
    static final String OBSERVED_BY = "[observed by ";

    /** HC017. */
    static void fallbacks(Subject s, Findings f) {
        JsonNode allow = s.claim(ReceiptFields.ALLOW_FALLBACK);
        String allowPtr = "/" + ReceiptFields.CLAIMS + "/" + ReceiptFields.ALLOW_FALLBACK;
        if (!allow.isMissingNode() && !allow.isBoolean()) {
            f.error(ReceiptRule.FALLBACK_NOT_ALLOWED, allowPtr, allow, "claims.allow_fallback must be a boolean, found "
                    + Findings.typeName(allow));
        }
        JsonNode fallbacks = s.get(ReceiptFields.FALLBACKS);
        String ptr = "/" + ReceiptFields.FALLBACKS;
        if (fallbacks.isMissingNode()) {
            return;
        }
        if (!fallbacks.isArray()) {
            f.error(ReceiptRule.FALLBACK_NOT_ALLOWED, ptr, fallbacks, "fallbacks must be an array, found "
                    + Findings.typeName(fallbacks));
            return;
        }
        JsonNode claimed = s.claim(ReceiptFields.BACKEND);
        if (s.fallbackAllowed()) {
            return;
        }
        for (int i = 0; i < fallbacks.size(); i++) {
            JsonNode fb = fallbacks.get(i);
            String detail = fb.path(ReceiptFields.DETAIL).asText("");
            int by = detail.lastIndexOf(OBSERVED_BY);
            if (by >= 0 && !(claimed.isTextual()
                    && claimed.textValue().equalsIgnoreCase(fb.path(ReceiptFields.REQUESTED).asText("")))) {
                // the engine's own evidence shows it was asked for one backend and ran on another, whatever the
                // test claimed: setGpuLayers(99) on a build without a GPU is a fallback even without backend = "gpu"
                String source = detail.substring(by + OBSERVED_BY.length()).replace("]", "").trim();
                f.error(ReceiptRule.FALLBACK_NOT_ALLOWED, Findings.pointer(ptr, i), fb, "the engine was asked for '"
                        + fb.path(ReceiptFields.REQUESTED).asText("?") + "' and its own evidence (" + source
                        + ") shows it ran on '" + fb.path(ReceiptFields.EFFECTIVE).asText("?") + "' ("
                        + fb.path(ReceiptFields.REASON_CODE).asText("no reason code") + "), and claims.allow_fallback"
                        + " is not true; if the downgrade is expected, say so with @EmitsReceipt(allowFallback = true)");
                continue;
            }
            if (claimed.isTextual()
                    && claimed.textValue().equalsIgnoreCase(fb.path(ReceiptFields.REQUESTED).asText(""))) {
                f.error(ReceiptRule.FALLBACK_NOT_ALLOWED, Findings.pointer(ptr, i), fb, "backend '"
                        + claimed.textValue() + "' was requested but fell back to '"
                        + fb.path(ReceiptFields.EFFECTIVE).asText("?") + "' (" + fb.path(ReceiptFields.REASON_CODE)
                        .asText("no reason code") + ") and claims.allow_fallback is not true");
            }
        }
    }

    /** HC012 (default policy): a GPU backend needs GPU kernels that ran. BitNet.rs's own HC012 is in BitnetVerifyReceipt. */
    static void gpuKernels(Subject s, Findings f) {
        checkGpu(s, f, "/" + ReceiptFields.BACKEND, s.get(ReceiptFields.BACKEND), false);
        checkGpu(s, f, "/" + ReceiptFields.CLAIMS + "/" + ReceiptFields.BACKEND, s.claim(ReceiptFields.BACKEND), true);
    }

    private static void checkGpu(Subject s, Findings f, String ptr, JsonNode backend, boolean claim) {
        if (!backend.isTextual() || !Backend.isGpu(backend.textValue().toLowerCase(Locale.ROOT))) {
            return;
        }
        if (claim && s.fallbackAllowed() && s.fellBackFrom(backend.textValue())) {
            return; // an allowed, recorded fallback: the claim is honestly downgraded
        }
        for (Subject.Observation o : s.ran()) {
            if (Backend.isGpu(o.backend().toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        f.error(ReceiptRule.GPU_KERNELS_REQUIRED, ptr, backend, "backend '" + backend.textValue()
                + "' needs observed GPU kernels, but kernels ran only on " + s.ranBackends());
    }
}
