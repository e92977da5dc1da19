package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.nio.file.Path;
import java.util.List;

/**
 * Registered in test resources' META-INF/services: a stand-in for the real run-summary check (owned by the JUnit-side
 * engineer) that reports a problem when the summary's {@code receipts_missing} is positive.
 */
public final class MarkerRunSummaryCheck implements RunSummaryCheck {

    @Override
    public List<String> check(Path runSummary) throws ReceiptReadException {
        long missing = ReceiptJson.readObject(runSummary).path("receipts_missing").asLong(0);
        return missing > 0 ? List.of("receipts_missing is " + missing + "; expected 0") : List.of();
    }
}
