package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and atomically writes {@code run-summary.json} with the project's one JSON configuration (the same size,
 * depth and duplicate-key limits as receipts).
 *
 * <pre>{@code
 * RunSummary summary = RunSummaryFiles.read(Path.of("target/receipts/run-summary.json"));
 * System.out.println(summary.counts().failed() + " failed, " + summary.receipts().size() + " receipts");
 * }</pre>
 */
public final class RunSummaryFiles {

    private RunSummaryFiles() {
    }

    /**
     * Reads a run summary.
     *
     * @throws ReceiptReadException naming the file (and the JSON location) when it is unreadable or not a run summary
     */
    public static RunSummary read(Path file) throws ReceiptReadException {
        ObjectNode tree = ReceiptJson.readObject(file);
        if (!tree.path("summary_version").isTextual()) {
            throw new ReceiptReadException(file, "field 'summary_version' is missing; expected \"" + RunSummary.VERSION
                    + "\"; this is not a run summary written by Honest Compute", null);
        }
        try {
            return ReceiptJson.mapper().treeToValue(tree, RunSummary.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ReceiptReadException(file, "not a valid run summary: " + e.getMessage()
                    + "; regenerate it by re-running the tests", e);
        }
    }

    /** Writes {@code summary} atomically to {@code dir/run-summary.json} and returns that path. */
    public static Path write(Path dir, RunSummary summary) throws IOException {
        Path file = dir.resolve(RunSummary.FILE_NAME);
        ReceiptJson.write(file, ReceiptJson.mapper().valueToTree(summary));
        return file;
    }
}
