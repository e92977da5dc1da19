package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a receipts directory for the report: every {@code *.json} below it, at any depth (symbolic links are not
 * followed, so the walk ends), is a receipt, except {@code run-summary.json} at the top. The atomic writer's
 * temporary files end in {@code .tmp} and are not read. A file that cannot be read is
 * recorded as unreadable with the reader's reason; it never stops the report.
 */
final class RunLoader {

    static final String RUN_SUMMARY = "run-summary.json";

    private RunLoader() {
    }

    static RunData load(Path receiptsDir, ViolationSource violations) throws ReportInputException {
        if (!Files.exists(receiptsDir)) {
            throw new ReportInputException("receipts directory " + receiptsDir.toAbsolutePath() + " does not exist; "
                    + "run the tests first (tests annotated @EmitsReceipt write target/receipts/) or pass the "
                    + "directory that holds the receipts");
        }
        if (!Files.isDirectory(receiptsDir)) {
            throw new ReportInputException(receiptsDir.toAbsolutePath() + " is not a directory; pass the receipts "
                    + "directory (e.g. target/receipts), not a single receipt file");
        }
        List<UnreadableFile> unreadable = new ArrayList<>();
        Optional<RunSummaryView> summary = Optional.empty();
        Path summaryFile = receiptsDir.resolve(RUN_SUMMARY);
        if (Files.isRegularFile(summaryFile)) {
            try {
                summary = Optional.of(new RunSummaryView(ReceiptJson.readObject(summaryFile)));
            } catch (ReceiptReadException e) {
                unreadable.add(new UnreadableFile(RUN_SUMMARY, reason(e, receiptsDir)));
            }
        }
        Map<String, String> recorded = new HashMap<>();
        summary.ifPresent(s -> s.receipts().forEach(r -> recorded.put(normalize(r.path()), r.sha256())));

        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(receiptsDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".json")
                            && !file.equals(summaryFile)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // An unreadable subdirectory hides its receipts: say so instead of stopping the report.
                    String rel = relative(receiptsDir, file);
                    unreadable.add(new UnreadableFile(rel.isEmpty() ? "." : rel, "cannot be listed or read: " + e
                            + "; check its permissions"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ReportInputException("cannot list receipts directory " + receiptsDir.toAbsolutePath() + ": "
                    + e + "; check its permissions");
        }
        files.sort((a, b) -> relative(receiptsDir, a).compareTo(relative(receiptsDir, b)));

        List<ReceiptEntry> receipts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path file : files) {
            String rel = relative(receiptsDir, file);
            seen.add(rel);
            Receipt receipt;
            String sha;
            try {
                receipt = Receipt.read(file);
                sha = Sha256.of(file);
            } catch (ReceiptReadException e) {
                unreadable.add(new UnreadableFile(rel, reason(e, receiptsDir)));
                continue;
            } catch (IOException e) {
                unreadable.add(new UnreadableFile(rel, "cannot read to hash it: " + e.getMessage()));
                continue;
            }
            if (receipt.schemaVersion().isEmpty() && !receipt.get(ReceiptFields.TEST).isObject()) {
                unreadable.add(new UnreadableFile(rel, "not a receipt: a JSON object without '"
                        + ReceiptFields.SCHEMA_VERSION + "' or '" + ReceiptFields.TEST + "'; receipts are written "
                        + "by @EmitsReceipt tests, move other JSON files out of the receipts directory"));
                continue;
            }
            HashCheck check;
            if (summary.isEmpty()) {
                check = HashCheck.NO_SUMMARY;
            } else if (!recorded.containsKey(rel)) {
                check = findBySuffix(recorded, rel).map(s -> s.equalsIgnoreCase(sha) ? HashCheck.MATCHES
                        : HashCheck.MISMATCH).orElse(HashCheck.NOT_IN_SUMMARY);
            } else {
                check = recorded.get(rel).equalsIgnoreCase(sha) ? HashCheck.MATCHES : HashCheck.MISMATCH;
            }
            List<ReportViolation> found;
            try {
                found = List.copyOf(violations.violationsOf(receipt));
            } catch (RuntimeException e) {
                // A checker that crashes on one receipt must not hide the others; the crash itself is shown.
                found = List.of(new ReportViolation("report.checker-crashed", "error", "", "",
                        "the violation checker threw " + e, "report this receipt and the stack trace as a bug"));
            }
            receipts.add(new ReceiptEntry(rel, receipt, sha, check, found,
                    ParityCheck.fromSection(receipt.get(ReceiptFields.PARITY)),
                    PerfMeasurement.fromReceipt(receipt.get(ReceiptFields.PERFORMANCE),
                            receipt.get(ReceiptFields.PERFORMANCE_BASELINE))));
        }
        List<String> missing = new ArrayList<>();
        for (String path : recorded.keySet()) {
            if (!seen.contains(path) && seen.stream().noneMatch(s -> path.endsWith("/" + s))) {
                missing.add(path);
            }
        }
        missing.sort(null);
        return new RunData(receiptsDir, List.copyOf(receipts), List.copyOf(unreadable), summary, List.copyOf(missing),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The reader's message without the absolute path prefix (the report names the file already). */
    private static String reason(ReceiptReadException e, Path dir) {
        String msg = e.getMessage();
        String prefix = e.source() + ": ";
        return msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
    }

    private static Optional<String> findBySuffix(Map<String, String> recorded, String rel) {
        return recorded.entrySet().stream().filter(e -> e.getKey().endsWith("/" + rel)).map(Map.Entry::getValue)
                .findFirst();
    }

    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        return p.startsWith("./") ? p.substring(2) : p;
    }

    /** Host: the run summary's, else the first receipt's. */
    static JsonNode host(RunData run) {
        JsonNode h = run.summary().map(RunSummaryView::host).orElse(null);
        if (h != null && h.isObject() && h.size() > 0) {
            return h;
        }
        for (ReceiptEntry r : run.receipts()) {
            JsonNode rh = r.receipt().get(ReceiptFields.HOST);
            if (rh.isObject() && rh.size() > 0) {
                return rh;
            }
        }
        return null;
    }
}
