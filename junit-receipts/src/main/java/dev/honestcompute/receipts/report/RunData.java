package dev.honestcompute.receipts.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one report shows, read from a receipts directory.
 *
 * @param receiptsDir     the directory read
 * @param receipts        readable receipts, sorted by file
 * @param unreadable      files that could not be used, with reasons
 * @param summary         the run summary, when {@code run-summary.json} exists and is readable
 * @param missingReceipts receipts the run summary lists that are not on disk
 * @param stale           receipts in the directory that the run summary does not list: not this run's
 * @param generatedAt     when the report was rendered (ISO-8601)
 */
record RunData(Path receiptsDir, List<ReceiptEntry> receipts, List<UnreadableFile> unreadable,
               Optional<RunSummaryView> summary, List<String> missingReceipts, List<StaleReceipt> stale,
               String generatedAt) {

    /** True when the run needs attention: a problem in a receipt, an unreadable file, a failed count, ... */
    boolean failed() {
        if (!unreadable.isEmpty() || !missingReceipts.isEmpty() || !stale.isEmpty()
                || receipts.stream().anyMatch(ReceiptEntry::hasProblem)) {
            return true;
        }
        return summary.map(s -> s.counts().getOrDefault("failed", 0L) > 0
                || s.counts().getOrDefault("aborted", 0L) > 0 || !s.failedContainers().isEmpty()).orElse(false);
    }

    /** True when there is nothing to show: no receipt, readable or not. */
    boolean empty() {
        return receipts.isEmpty() && unreadable.isEmpty() && missingReceipts.isEmpty();
    }

    /** The run's verdict in one word: FAILED, NO RECEIPTS or PASSED. */
    String verdict() {
        return failed() ? "FAILED" : empty() ? "NO RECEIPTS" : "PASSED";
    }

    List<ReportViolation> allViolations() {
        return receipts.stream().flatMap(r -> r.violations().stream()).toList();
    }
}
