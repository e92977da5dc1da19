package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What an attacker (or a careless script) does to a finished run: edit the summary, re-hash a receipt, redo replay. */
final class SummaryEdits {

    private SummaryEdits() {
    }

    static ObjectNode tree(Path file) throws IOException {
        return (ObjectNode) ReceiptJson.mapper().readTree(file.toFile());
    }

    /** Rewrites {@code file} (a summary or a receipt) with {@code change} applied to its tree. */
    static void edit(Path file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode tree = tree(file);
        change.accept(tree);
        ReceiptJson.write(file, tree);
    }

    /** The {@code receipts[]} entry of the receipt file named {@code fileName}. */
    static ObjectNode entry(ObjectNode summary, String fileName) {
        for (JsonNode r : summary.path("receipts")) {
            if (r.path("path").asText().endsWith("/" + fileName)) {
                return (ObjectNode) r;
            }
        }
        throw new IllegalStateException("no receipts[] entry for " + fileName);
    }

    /** The {@code tests[]} entry of {@code testId}. */
    static ObjectNode test(ObjectNode summary, String testId) {
        for (JsonNode t : summary.path("tests")) {
            if (t.path("test").asText().equals(testId)) {
                return (ObjectNode) t;
            }
        }
        throw new IllegalStateException("no tests[] entry for " + testId);
    }

    /** Removes the array element {@code element} from {@code array}. */
    static void remove(ArrayNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                array.remove(i);
                return;
            }
        }
        throw new IllegalStateException("not in the array: " + element);
    }

    /** Records the receipt's current SHA-256 in the summary, as an attacker who edited it would. */
    static void rehash(Path summaryFile, Path receipt) throws IOException {
        String sha = Sha256.of(receipt);
        edit(summaryFile, s -> entry(s, receipt.getFileName().toString()).put("sha256", sha));
    }

    /** Recomputes the replay block from the listed receipts and writes it into the summary. */
    static void recomputeReplay(Path summaryFile) throws Exception {
        ObjectNode s = tree(summaryFile);
        List<String> paths = new ArrayList<>();
        s.path("receipts").forEach(r -> paths.add(r.path("path").asText()));
        JsonNode block = RunReplay.block(summaryFile.getParent(), paths, Map.of());
        s.set("replay", block);
        ReceiptJson.write(summaryFile, s);
    }

    /** Recomputes {@code counts} from {@code tests[]}. */
    static void recount(ObjectNode summary) {
        ObjectNode counts = summary.putObject("counts");
        long total = 0;
        Map<String, Long> by = new java.util.HashMap<>();
        for (JsonNode t : summary.path("tests")) {
            total++;
            by.merge(t.path("status").asText(), 1L, Long::sum);
        }
        counts.put("total", total);
        for (String status : new String[] {"passed", "failed", "skipped", "aborted", "deselected"}) {
            counts.put(status, by.getOrDefault(status, 0L));
        }
    }

    static void replaceInFile(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " does not contain " + from);
        }
        Files.writeString(file, text.replace(from, to));
    }
}
