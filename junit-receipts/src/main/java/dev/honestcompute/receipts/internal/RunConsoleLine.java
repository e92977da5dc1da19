package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.report.ReportRenderer;
import dev.honestcompute.receipts.summary.RunSummary;

import java.nio.file.Path;

/**
 * The one line a test JVM prints when its session wrote the run summary and the report: how many receipts the build
 * has so far, how many of them failed, and where to look.
 *
 * <pre>{@code
 * Honest Compute: 46 receipts (2 failed) → /work/app/target/receipts/index.html (summary: /work/app/target/receipts/run-summary.json)
 * }</pre>
 */
final class RunConsoleLine {

    private RunConsoleLine() {
    }

    /** The line for the summary just written into {@code dir}. */
    static String of(Path dir, RunSummary summary) {
        long failed = 0;
        long aborted = 0;
        for (RunSummary.ReceiptDigest r : summary.receipts()) {
            if ("failed".equals(r.status())) {
                failed++;
            } else if ("aborted".equals(r.status())) {
                aborted++;
            }
        }
        int receipts = summary.receipts().size();
        Path abs = dir.toAbsolutePath().normalize();
        return "Honest Compute: " + receipts + " receipt" + (receipts == 1 ? "" : "s") + " (" + failed + " failed"
                + (aborted > 0 ? ", " + aborted + " aborted" : "") + ") → " + abs.resolve(ReportRenderer.INDEX_HTML)
                + " (summary: " + abs.resolve(RunSummary.FILE_NAME) + ")";
    }
}
