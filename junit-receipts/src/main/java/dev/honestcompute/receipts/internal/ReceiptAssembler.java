package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.host.HostFingerprint;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Fallback;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.RecorderAgent;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds a receipt's JSON tree (layout: {@link ReceiptFields}) from a {@link TestRun}. Kernels, their backends and
 * fallbacks, and the CPU features each kernel declared it needs, come only from the recorder's
 * {@link KernelObservations}; the test contributes its identity, status and claims (backend, SIMD width,
 * quantization), which the verifier then checks against those observations and the host; other extensions add their
 * fixtures and sections.
 */
public final class ReceiptAssembler {

    /** {@code backend} of a receipt in which no kernel returned normally. */
    public static final String NO_BACKEND = "none";

    private ReceiptAssembler() {
    }

    public static ObjectNode assemble(TestRun run) {
        ObjectMapper mapper = ReceiptJson.mapper();
        KernelObservations seen = run.observations();
        List<KernelStats> observed = seen == null ? List.of() : seen.kernels();
        ObjectNode r = mapper.createObjectNode();
        r.put(ReceiptFields.SCHEMA_VERSION, ReceiptFields.CURRENT_SCHEMA_VERSION);
        r.put(ReceiptFields.TIMESTAMP, run.finished().truncatedTo(ChronoUnit.MILLIS).toString());
        r.put(ReceiptFields.COMPUTE_PATH, run.production() ? ReceiptFields.REAL : ReceiptFields.MOCK);
        r.put(ReceiptFields.BACKEND, observedBackend(observed));
        ArrayNode kernels = r.putArray(ReceiptFields.KERNELS);
        TreeSet<String> ran = new TreeSet<>();
        for (KernelStats k : observed) {
            if (k.calls() > 0) {
                ran.add(k.id());
            }
        }
        ran.forEach(kernels::add);
        JsonNode determinism = run.sections().get(ReceiptFields.DETERMINISM);
        r.put(ReceiptFields.DETERMINISTIC, determinism != null
                && determinism.path(ReceiptFields.DETERMINISTIC).asBoolean(false));
        ObjectNode env = r.putObject(ReceiptFields.ENVIRONMENT);
        env.put("JAVA_VERSION", System.getProperty("java.version", ""));
        env.put("JAVA_VENDOR", System.getProperty("java.vendor", ""));
        ObjectNode host = HostFingerprint.current().toJson();
        env.put("OS", host.path("os_name").asText("").toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "-"
                + host.path("os_arch").asText(""));
        env.put("CPU_BRAND", host.path("cpu_model").asText(""));
        host.path("env").properties().forEach(e -> env.set(e.getKey(), e.getValue().deepCopy()));
        ObjectNode results = r.putObject(ReceiptFields.TEST_RESULTS);
        results.put(ReceiptFields.TOTAL_TESTS, 1);
        results.put(ReceiptFields.PASSED, run.status().equals(ReceiptFields.PASSED) ? 1 : 0);
        results.put(ReceiptFields.FAILED, run.status().equals(ReceiptFields.FAILED) ? 1 : 0);
        results.put(ReceiptFields.SKIPPED, run.status().equals("aborted") ? 1 : 0);
        JsonNode performance = run.sections().get(ReceiptFields.PERFORMANCE);
        if (performance != null && performance.path(ReceiptFields.PERFORMANCE_BASELINE).isObject()) {
            // BitNet readers look for the measured numbers at the top level
            r.set(ReceiptFields.PERFORMANCE_BASELINE, performance.path(ReceiptFields.PERFORMANCE_BASELINE).deepCopy());
        }
        r.putArray(ReceiptFields.CORRECTIONS);

        ObjectNode test = r.putObject(ReceiptFields.TEST);
        test.put(ReceiptFields.UNIQUE_ID, run.uniqueId());
        test.put(ReceiptFields.CLASS, run.className());
        test.put(ReceiptFields.METHOD, run.methodName());
        test.put(ReceiptFields.DISPLAY_NAME, run.displayName());
        test.put(ReceiptFields.STATUS, run.status());
        if (run.failureMessage() != null) {
            test.put(ReceiptFields.FAILURE, run.failureMessage());
        }
        ObjectNode claims = r.putObject(ReceiptFields.CLAIMS);
        if (!run.requestedBackend().isEmpty()) {
            claims.put(ReceiptFields.BACKEND, run.requestedBackend());
        }
        claims.put(ReceiptFields.ALLOW_FALLBACK, run.allowFallback());
        if (run.simdWidthBits() != 0) {
            claims.put(ReceiptFields.SIMD_WIDTH_BITS, run.simdWidthBits());
        }
        if (!run.quantization().isEmpty()) {
            claims.put(ReceiptFields.QUANTIZATION, run.quantization());
        }
        claims.put(ReceiptFields.EXPECT_FAILED_KERNELS, run.expectFailedKernels());
        ObjectNode recorder = r.putObject(ReceiptFields.RECORDER);
        recorder.put(ReceiptFields.ACTIVE, seen == null ? run.recorderActive() : seen.recorderActive());
        recorder.put(ReceiptFields.BACKGROUND_CALLS, seen == null ? 0 : seen.backgroundCalls());
        recorder.put(ReceiptFields.PROPAGATION, seen == null ? "" : seen.propagation());
        strings(recorder.putArray(ReceiptFields.MOCK_LEAKS), seen == null ? List.of() : seen.mockLeaks());
        strings(recorder.putArray(ReceiptFields.FORGERIES), seen == null ? List.of() : seen.forgeries());
        strings(recorder.putArray(ReceiptFields.EVIDENCE_UNAVAILABLE),
                seen == null ? List.of() : seen.unavailableEvidence());
        strings(recorder.putArray(ReceiptFields.EVIDENCE), seen == null ? List.of() : seen.evidenceNotes());
        ObjectNode engineCalls = recorder.putObject(ReceiptFields.ENGINE_CALLS);
        if (seen != null) {
            seen.engineCalls().forEach(engineCalls::put);
        }
        ArrayNode facts = recorder.putArray(ReceiptFields.ENGINE_FACTS);
        for (dev.honestcompute.recorder.EngineFact f : seen == null ? List.<dev.honestcompute.recorder.EngineFact>of()
                : seen.engineFacts()) {
            ObjectNode o = facts.addObject();
            o.put(ReceiptFields.NAME, f.name());
            o.put("value", f.value());
            o.put(ReceiptFields.SOURCE, f.source());
            if (!f.unverified().isEmpty()) {
                o.put(ReceiptFields.UNVERIFIED, f.unverified());
            }
        }
        // JVM-wide, not the window's: what the agent declined to record explains a receipt without kernels (HC005)
        strings(recorder.putArray(ReceiptFields.SKIPPED_KERNELS), capped(RecorderAgent.skippedKernels(),
                "RecorderAgent.skippedKernels()"));
        strings(recorder.putArray(ReceiptFields.UNMATCHED_CONFIG), capped(RecorderAgent.unmatchedUserConfigEntries(),
                "RecorderAgent.unmatchedUserConfigEntries()"));
        ArrayNode stats = r.putArray(ReceiptFields.KERNEL_STATS);
        for (KernelStats k : observed) {
            ObjectNode s = stats.addObject();
            s.put(ReceiptFields.ID, k.id());
            s.put(ReceiptFields.BACKEND, k.backend());
            s.put(ReceiptFields.CALLS, k.calls());
            s.put(ReceiptFields.FAILED_CALLS, k.failedCalls());
            if (k.timed()) {
                s.put(ReceiptFields.NANOS, k.nanos());
                if (k.sampled()) {
                    s.put(ReceiptFields.TIMED_CALLS, k.timedCalls());
                }
            }
            if (!k.requires().isEmpty()) {
                ArrayNode requires = s.putArray(ReceiptFields.REQUIRES);
                k.requires().forEach(requires::add);
            }
            s.put(ReceiptFields.SOURCE, k.source());
            s.put(ReceiptFields.EVIDENCE, k.evidence());
            if (!k.verified()) {
                s.put(ReceiptFields.UNVERIFIED, k.unverified());
            }
        }
        ArrayNode fallbacks = r.putArray(ReceiptFields.FALLBACKS);
        for (Fallback f : seen == null ? List.<Fallback>of() : seen.fallbacks()) {
            ObjectNode o = fallbacks.addObject();
            o.put(ReceiptFields.REQUESTED, f.requested());
            o.put(ReceiptFields.EFFECTIVE, f.effective());
            o.put(ReceiptFields.REASON_CODE, f.reasonCode());
            o.put(ReceiptFields.DETAIL, f.detail());
        }
        ArrayNode fixtures = r.putArray(ReceiptFields.FIXTURES);
        for (TestRun.FixtureUse f : run.fixtures()) {
            ObjectNode o = fixtures.addObject();
            o.put(ReceiptFields.NAME, f.name());
            o.put(ReceiptFields.SHA256, f.sha256());
            o.put(ReceiptFields.SIZE_BYTES, f.sizeBytes());
        }
        r.set(ReceiptFields.HOST, host);
        for (String section : new String[] {ReceiptFields.PARITY, ReceiptFields.PERFORMANCE, ReceiptFields.DETERMINISM}) {
            JsonNode content = run.sections().get(section);
            if (content != null) {
                r.set(section, content.deepCopy());
            }
        }
        if (!run.notes().isEmpty()) {
            ObjectNode notes = r.putObject(ReceiptFields.NOTES);
            run.notes().forEach((k, v) -> notes.set(k, v.deepCopy()));
        }
        return r;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    /** At most {@value #MAX_JVM_LINES} lines of a JVM-wide list, then one line counting the rest. */
    static List<String> capped(List<String> lines, String source) {
        if (lines.size() <= MAX_JVM_LINES) {
            return lines;
        }
        List<String> out = new java.util.ArrayList<>(lines.subList(0, MAX_JVM_LINES - 1));
        out.add("… and " + (lines.size() - MAX_JVM_LINES + 1) + " more (the test JVM's stderr, or " + source + ")");
        return out;
    }

    /** Lines of {@code recorder.skipped_kernels} and {@code recorder.unmatched_config} per receipt. */
    static final int MAX_JVM_LINES = 20;

    /**
     * The backend that really ran: among kernels that returned normally, a GPU backend before any other, an unknown
     * backend before {@code cpu-simd}, {@code cpu-simd} before {@code cpu}; {@value #NO_BACKEND} when none ran.
     */
    static String observedBackend(List<KernelStats> observed) {
        String best = NO_BACKEND;
        int bestRank = 0;
        for (KernelStats k : observed) {
            if (k.calls() <= 0) {
                continue;
            }
            int rank = rank(k.backend());
            if (rank > bestRank || (rank == bestRank && k.backend().compareTo(best) < 0)) {
                best = k.backend();
                bestRank = rank;
            }
        }
        return best;
    }

    private static int rank(String backend) {
        if (Backend.isGpu(backend)) {
            return 4;
        }
        if (Backend.CPU_SIMD.equals(backend)) {
            return 2;
        }
        if (Backend.CPU.equals(backend)) {
            return 1;
        }
        return 3;
    }
}
