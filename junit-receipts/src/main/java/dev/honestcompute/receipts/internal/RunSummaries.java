package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.host.HostFingerprint;
import dev.honestcompute.receipts.replay.ReplayBlock;
import dev.honestcompute.receipts.report.ReportInputException;
import dev.honestcompute.receipts.report.ReportRenderer;
import dev.honestcompute.receipts.report.ViolationSource;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a session's tally and its registered receipts into a {@link RunSummary} and writes it. */
final class RunSummaries {

    private RunSummaries() {
    }

    static RunSummary assemble(Path dir, Instant started, Instant finished, RunSummary.Counts counts,
                               List<RunSummary.Skip> skipped, Map<String, Long> deselected,
                               List<RunSummary.FailedContainer> failedContainers) {
        Map<String, RunSummary.ReceiptDigest> byPath = new LinkedHashMap<>();
        for (SessionReceipts.Written w : SessionReceipts.drain(dir)) {
            String relative = portable(dir.relativize(w.path().toAbsolutePath().normalize()));
            byPath.put(relative, new RunSummary.ReceiptDigest(relative, w.sha256(), w.testId(), w.status()));
        }
        JsonNode host = HostFingerprint.current().toJson();
        return new RunSummary(RunSummary.VERSION, started.toString(), finished.toString(), counts, skipped,
                deselected, failedContainers, new ArrayList<>(byPath.values()), host, replay(dir, byPath.keySet()));
    }

    /** The replay block over this run's receipts in the order they were written. */
    private static JsonNode replay(Path dir, java.util.Collection<String> relativePaths) {
        List<Receipt> receipts = new ArrayList<>();
        for (String relative : relativePaths) {
            try {
                receipts.add(Receipt.read(dir.resolve(relative)));
            } catch (ReceiptReadException e) {
                throw new IllegalStateException("Honest Compute cannot read back a receipt of this run for the "
                        + "replay block: " + e.getMessage(), e);
            }
        }
        return ReplayBlock.of(receipts, Map.of()).toJson();
    }

    /**
     * Renders {@code index.html} and {@code summary.md} beside the run summary, listing the default policy's
     * violations. A report that cannot be written fails loudly, like the summary itself.
     */
    static void report(Path dir) {
        try {
            ReportRenderer.renderDirectory(dir, ViolationSource.of(ReceiptVerifier.forPolicy(
                    ReceiptVerifier.DEFAULT_POLICY)));
        } catch (ReportInputException | IOException e) {
            throw new UncheckedIOException("Honest Compute could not write the report into " + dir + ": "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
    }

    static void write(Path dir, RunSummary summary) {
        try {
            RunSummaryFiles.write(dir, summary);
        } catch (IOException e) {
            throw new UncheckedIOException("Honest Compute could not write " + dir.resolve(RunSummary.FILE_NAME)
                    + ": " + e.getMessage() + "; check that the receipts directory (JUnit configuration parameter '"
                    + EmitsReceipt.DIR_PARAMETER + "') is writable", e);
        }
    }

    static String portable(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
