package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and atomically writes {@code run-summary.json} with the project's one JSON configuration (bounded reads,
 * the same depth and duplicate-key limits as receipts). A summary of an unknown major version is refused: its fields
 * may mean something else.
 *
 * <pre>{@code
 * RunSummary summary = RunSummaryFiles.read(Path.of("target/receipts/run-summary.json"));
 * System.out.println(summary.counts().failed() + " failed, " + summary.receipts().size() + " receipts");
 * }</pre>
 */
public final class RunSummaryFiles {

    private static final Pattern VERSION = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})");

    private RunSummaryFiles() {
    }

    /**
     * Reads a run summary.
     *
     * @throws ReceiptReadException naming the file (and the JSON location) when it is unreadable, not a run summary,
     *                              or of a major version this library does not read
     */
    public static RunSummary read(Path file) throws ReceiptReadException {
        return fromTree(ReceiptJson.readSummaryObject(file), file.toString());
    }

    /**
     * A run summary from its JSON tree; {@code source} names it in messages.
     *
     * @throws ReceiptReadException as {@link #read(Path)}
     */
    public static RunSummary fromTree(ObjectNode tree, String source) throws ReceiptReadException {
        JsonNode version = tree.path("summary_version");
        if (!version.isTextual()) {
            throw new ReceiptReadException(source, "field 'summary_version' is missing; expected \"" + RunSummary.VERSION
                    + "\"; this is not a run summary written by Honest Compute", null);
        }
        Matcher m = VERSION.matcher(version.textValue());
        if (!m.matches()) {
            throw new ReceiptReadException(source, "field 'summary_version' is '" + version.textValue() + "'; expected "
                    + "MAJOR.MINOR.PATCH such as \"" + RunSummary.VERSION + "\"; regenerate it by re-running the tests",
                    null);
        }
        if (Integer.parseInt(m.group(1)) != RunSummary.MAJOR_VERSION) {
            throw new ReceiptReadException(source, "field 'summary_version' is '" + version.textValue() + "', major "
                    + m.group(1) + "; this Honest Compute reads run summaries of major " + RunSummary.MAJOR_VERSION
                    + " only (fields of another major may mean something else): check it with the Honest Compute "
                    + "version that wrote it, or re-run the tests", null);
        }
        try {
            return ReceiptJson.mapper().treeToValue(tree, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new ReceiptReadException(source, "not a valid run summary: " + e.getOriginalMessage()
                    + "; regenerate it by re-running the tests", e);
        } catch (IllegalArgumentException e) {
            throw new ReceiptReadException(source, "not a valid run summary: " + e.getMessage()
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
