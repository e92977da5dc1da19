package dev.honestcompute.receipts.report;

/**
 * A file in the receipts directory the report could not use, listed instead of crashing the report.
 *
 * @param file   path relative to the receipts directory
 * @param reason why (the reader's message: what was wrong and what to do)
 */
record UnreadableFile(String file, String reason) {
}
