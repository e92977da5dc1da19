package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report's test input: a realistic run in {@code src/test/resources/report/run/} (three receipts in our layout
 * and a run summary whose SHA-256s match them), copied to a fresh directory per test, and a violation source that
 * stands in for the verifier by applying two of its rules to the receipt's content.
 */
final class ReportInputs {

    private ReportInputs() {
    }

    /** Copies the sample run into {@code target} and returns it. */
    static Path copyRun(Path target) throws IOException {
        URL url = ReportInputs.class.getResource("/report/run/run-summary.json");
        if (url == null) {
            throw new IllegalStateException("test resource /report/run/run-summary.json is missing from the classpath");
        }
        Path source;
        try {
            source = Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
