package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.ReceiptReadException;

import java.nio.file.Path;
import java.util.List;

/**
 * The hook {@code verify} calls for {@code run-summary.json} files, which are not receipts and are skipped by the
 * receipt rules. The run-summary owner provides the implementation through
 * {@code META-INF/services/dev.honestcompute.receipts.cli.RunSummaryCheck}; without one, {@code verify} reports the
 * summary as "not checked" (never as passed).
 */
public interface RunSummaryCheck {

    /**
     * Checks one run summary (e.g. that every receipt it lists exists with the recorded SHA-256).
     *
     * @return the problems found, each a full sentence naming the field; empty when the summary is fine
     * @throws ReceiptReadException when the summary cannot be read at all
     */
    List<String> check(Path runSummary) throws ReceiptReadException;
}
