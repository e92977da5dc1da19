package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.replay.ReplayBlock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run summary's replay block, computed from the listed receipts in the order the summary lists them: the session
 * writes it, the verifier recomputes it. Only the parts of a receipt the block reads are kept in memory (test identity,
 * fixtures, kernels, determinism outputs), so a run of many thousand receipts needs little heap.
 *
 * <pre>{@code
 * JsonNode block = RunReplay.block(dir, List.of("com.acme.MatmulTest/simd.json"), Map.of());
 * }</pre>
 */
public final class RunReplay {

    private RunReplay() {
    }

    /**
     * The replay block of the receipts at {@code relativePaths} under {@code dir}.
     *
     * @throws ReceiptReadException     when a receipt cannot be read
     * @throws IllegalArgumentException naming the receipt when the receipts cannot form one run (a receipt without a
     *                                  test id, a test with two receipts, a fixture in two versions)
     */
    public static JsonNode block(Path dir, List<String> relativePaths, Map<String, String> config)
            throws ReceiptReadException {
        List<Receipt> receipts = new ArrayList<>();
        for (String relative : relativePaths) {
            Path file = dir.resolve(relative);
            receipts.add(Receipt.of(replayView(ReceiptJson.readObject(file)), file.toString()));
        }
        return ReplayBlock.of(receipts, config).toJson();
    }

    /** The fields of a receipt the replay block reads. */
    private static ObjectNode replayView(ObjectNode receipt) {
        ObjectNode view = ReceiptJson.mapper().createObjectNode();
        for (String field : new String[] {ReceiptFields.TEST, ReceiptFields.FIXTURES, ReceiptFields.KERNELS}) {
            if (receipt.has(field)) {
                view.set(field, receipt.get(field));
            }
        }
        JsonNode outputs = receipt.path(ReceiptFields.DETERMINISM).path("outputs");
        if (!outputs.isMissingNode()) {
            view.putObject(ReceiptFields.DETERMINISM).set("outputs", outputs);
        }
        return view;
    }
}
