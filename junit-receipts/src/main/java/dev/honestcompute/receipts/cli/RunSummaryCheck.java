package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.ReceiptReadException;

import java.nio.file.Path;
import java.util.List;

/**
 * A check {@code verify} runs on {@code run-summary.json} files, which are not receipts and are skipped by the
 * receipt rules. The built-in checks ({@link dev.honestcompute.receipts.summary.RunSummaryVerifier}: the summary against
 * the receipts beside it, against itself and against its signature) always run; implementations registered through
 * {@code META-INF/services/dev.honestcompute.receipts.cli.RunSummaryCheck} add their problems to them (kind
 * {@code CHECK}).
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
