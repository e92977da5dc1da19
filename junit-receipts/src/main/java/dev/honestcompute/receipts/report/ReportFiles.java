package dev.honestcompute.receipts.report;

import java.nio.file.Path;

/**
 * What {@link ReportRenderer} wrote.
 *
 * @param indexHtml       the self-contained HTML report
 * @param summaryMarkdown the Markdown summary for CI step summaries and pull-request comments
 * @param receipts        receipts read and shown
 * @param unreadable      files listed in the report as unreadable (malformed JSON, not a receipt, ...)
 */
public record ReportFiles(Path indexHtml, Path summaryMarkdown, int receipts, int unreadable) {
}
