package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report's test input: a realistic run in {@code src/test/resources/report/run/} (three receipts in our layout
 * and a run summary whose SHA-256s match them), copied to a fresh directory per test, and a violation source that
 * stands in for the verifier by applying two of its rules to the receipt's content. A second run,
 * {@code report/engine-run/}, holds receipts in the layouts the library writes today ({@code @ParityWith}'s parity
 * section with two inputs, two-variant perf receipts on a loaded and a quiet host, a receipt that says "passed"
 * (the test body's outcome) although its rule then failed the test); its run summary is written at copy time, with the receipts' real
 * SHA-256s and the platform's test outcomes.
 */
final class ReportInputs {

    private ReportInputs() {
    }

    /** Copies the sample run into {@code target} and returns it. */
    static Path copyRun(Path target) throws IOException {
        return copy("/report/run/run-summary.json", target);
    }

    /** The receipts of the engine run, by path relative to the run, with the status the platform reported. */
    static final Map<String, String> ENGINE_RUN_TESTS = new LinkedHashMap<>();

    static {
        ENGINE_RUN_TESTS.put("com.acme.LlamaCppParityTest/engineMatchesLlamaCpp.json", "passed");
        ENGINE_RUN_TESTS.put("com.acme.RuleTest/claimsSimdRunsScalar.json", "failed");
        ENGINE_RUN_TESTS.put("com.acme.SimdParityTest/simdLogitsMatchTheScalarBackend.json", "failed");
        ENGINE_RUN_TESTS.put("com.acme.SpeedupTest/scalarAndSimdOnALoadedHost.json", "passed");
        ENGINE_RUN_TESTS.put("com.acme.SpeedupTest/scalarAndSimdOnAQuietHost.json", "passed");
    }

    /** Copies the engine run into {@code target}, writes its run summary, and returns it. */
    static Path copyEngineRun(Path target) throws IOException {
        // the run's directory: two levels above one of its receipts
        Path run = copyTree(resourceDir("/report/engine-run/com.acme.RuleTest/claimsSimdRunsScalar.json").getParent(),
                target);
        ObjectNode summary = ReceiptJson.mapper()
                .createObjectNode();
        summary.put("summary_version", "1.1.0").put("build_id", "20261123T100000.000Z")
                .put("build_id_source", "configured").put("started_at", "2026-11-23T10:00:00Z")
                .put("finished_at", "2026-11-23T10:00:09Z");
        summary.putObject("counts").put("total", 6).put("passed", 3).put("failed", 2).put("skipped", 0)
                .put("aborted", 0).put("deselected", 1);
        summary.putArray("skipped").addObject().put("test", "[engine:junit-jupiter]/[class:com.acme.CudaTest]/"
                + "[method:cudaMatmul()]").put("display_name", "cudaMatmul()").put("reason", "[deselected-by-rule:"
                + "backend] no CUDA driver on this host");
        summary.putObject("deselected_by_rule").put("backend", 1);
        summary.putArray("failed_containers");
        summary.put("sessions", 1);
        ArrayNode receipts = summary.putArray("receipts");
        ArrayNode tests = summary.putArray("tests");
        for (Map.Entry<String, String> e : ENGINE_RUN_TESTS.entrySet()) {
            Path file = run.resolve(e.getKey());
            Receipt receipt = read(file);
            String id = receipt.test().orElseThrow().uniqueId();
            // the status the receipt was registered with: what the emitter wrote into it
            receipts.addObject().put("path", e.getKey()).put("sha256", Sha256.of(
                    Files.readAllBytes(file))).put("test", id).put("status", receipt.test().orElseThrow().status());
            tests.addObject().put("test", id).put("display_name", receipt.test().orElseThrow().displayName())
                    .put("status", e.getValue()).put("emits_receipt", true);
        }
        tests.addObject().put("test", "[engine:junit-jupiter]/[class:com.acme.CudaTest]/[method:cudaMatmul()]")
                .put("display_name", "cudaMatmul()").put("status", "deselected").put("reason", "[deselected-by-rule:"
                        + "backend] no CUDA driver on this host").put("rule", "backend");
        summary.putArray("stale");
        summary.set("host", read(run.resolve("com.acme.RuleTest/claimsSimdRunsScalar.json")).get("host"));
        ReceiptJson.write(run.resolve("run-summary.json"), summary);
        return run;
    }

    private static Receipt read(Path file) {
        try {
            return Receipt.read(file);
        } catch (ReceiptReadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        return copyTree(resourceDir(resource), target);
    }

    /** The directory holding a test resource. */
    private static Path resourceDir(String resource) {
        URL url = ReportInputs.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test resource " + resource + " is missing from the classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            walk.forEach(p -> {
                Path dest = target.resolve(source.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }

    /**
     * Two rules judged from the receipt: a fallback the claims did not allow, and kernel calls that failed. Stands in
     * for the verifier, whose findings the lead adapts to {@link ReportViolation}.
     */
    static ViolationSource sampleRules() {
        return receipt -> {
            List<ReportViolation> out = new ArrayList<>();
            boolean allowFallback = receipt.get(ReceiptFields.CLAIMS).path(ReceiptFields.ALLOW_FALLBACK).asBoolean();
            for (Receipt.FallbackEntry f : receipt.fallbacks()) {
                if (!allowFallback) {
                    out.add(new ReportViolation("fallback.not-allowed", "error", "fallbacks",
                            f.requested() + " -> " + f.effective(), "the engine fell back from " + f.requested()
                            + " to " + f.effective() + " (" + f.reasonCode() + ") but the test claims "
                            + "allow_fallback=false", "run on a host with " + f.requested() + " or allow the fallback"));
                }
            }
            for (Receipt.KernelStat k : receipt.kernelStats()) {
                if (k.failedCalls() > 0) {
                    out.add(new ReportViolation("kernels.failed-calls", "warning", "kernel_stats/" + k.id(),
                            String.valueOf(k.failedCalls()), k.failedCalls() + " call(s) of " + k.id() + " threw",
                            ""));
                }
            }
            return out;
        };
    }
}
