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
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a session's tally and its registered receipts into a {@link RunSummary} and writes it. */
final class RunSummaries {

    private RunSummaries() {
    }

    /**
     * This session's summary merged into the one an earlier session left in {@code dir} (see {@link RunSummary});
     * call while holding {@link RunSummaryLock}.
     */
    static RunSummary assemble(Path dir, RunSummaryMerge.Session session) {
        RunSummary earlier = earlier(dir);
        Map<String, RunSummary.ReceiptDigest> written = new LinkedHashMap<>();
        for (SessionReceipts.Written w : SessionReceipts.drain(dir)) {
            String relative = portable(dir.relativize(w.path().toAbsolutePath().normalize()));
            written.put(relative, new RunSummary.ReceiptDigest(relative, w.sha256(), w.testId(), w.status()));
        }
        Map<String, RunSummary.ReceiptDigest> receipts = RunSummaryMerge.receipts(earlier, written);
        List<RunSummary.TestOutcome> tests = new ArrayList<>(RunSummaryMerge.tests(earlier, session).values());
        JsonNode host = HostFingerprint.current().toJson();
        String started = earlier == null ? session.started().toString() : earlier.startedAt();
        return new RunSummary(RunSummary.VERSION, started, session.finished().toString(),
                RunSummaryMerge.counts(tests), RunSummaryMerge.skipped(tests), RunSummaryMerge.deselectedByRule(tests),
                RunSummaryMerge.failedContainers(earlier, session), new ArrayList<>(receipts.values()), host,
                replay(dir, receipts.keySet()), tests, earlier == null ? 1 : earlier.sessions() + 1);
    }

    /** The summary an earlier session of this build left, or null when there is none or it cannot be merged. */
    private static RunSummary earlier(Path dir) {
        Path file = dir.resolve(RunSummary.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String why;
        try {
            RunSummary earlier = RunSummaryFiles.read(file);
            if (RunSummaryMerge.canMerge(earlier)) {
                return earlier;
            }
            why = "it has no per-test outcomes to merge with (written by another version)";
        } catch (ReceiptReadException e) {
            why = e.getMessage();
        }
        System.err.println("Honest Compute: replacing " + file + " instead of merging into it: " + why
                + "; receipts it listed that this session did not rewrite will be reported as UNLISTED: clean the"
                + " receipts directory (mvn clean) and re-run the tests");
        return null;
    }

    /** The replay block over this run's receipts in the order they were written. */
    private static JsonNode replay(Path dir, java.util.Collection<String> relativePaths) {
        List<Receipt> receipts = new ArrayList<>();
        for (String relative : relativePaths) {
            try {
                receipts.add(Receipt.read(dir.resolve(relative)));
            } catch (ReceiptReadException e) {
                throw new IllegalStateException("Honest Compute cannot read back a receipt of this run for the "
                        + "replay block: " + e.getMessage() + "; the run summary lists the receipts of every test "
                        + "session since the receipts directory was last cleaned, so a receipt an earlier session wrote "
                        + "and that was removed or damaged since also ends here: clean the receipts directory (mvn "
                        + "clean) and re-run the tests", e);
            }
        }
        try {
            return ReplayBlock.of(receipts, Map.of()).toJson();
        } catch (IllegalArgumentException e) {
            // the summary accumulates across the sessions of a build: an earlier session's receipts can conflict
            throw new IllegalStateException("Honest Compute could not update " + dir.resolve(RunSummary.FILE_NAME)
                    + ": its replay block cannot be built: " + e.getMessage() + ". The run summary accumulates the "
                    + "receipts of every test session of a build, and receipts an earlier session left in " + dir
                    + " conflict with this session's (for example a model fixture changed between the sessions); "
                    + "clean the receipts directory (mvn clean) and re-run the tests", e);
        }
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
