package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.BoundedFiles;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.summary.RunDirectory;

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
 * recorded as unreadable with the reader's reason; it never stops the report. When a run summary is there, only the
 * receipts it lists are this run's: any other receipt is stale (another build's, or a crashed JVM's) and is listed
 * apart, never among the run's tests.
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
        if (Files.exists(summaryFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                summary = Optional.of(new RunSummaryView(ReceiptJson.readSummaryObject(summaryFile)));
            } catch (ReceiptReadException e) {
                unreadable.add(new UnreadableFile(RUN_SUMMARY, reason(e, receiptsDir)));
            }
        }
        Map<String, String> recorded = new HashMap<>();
        Map<String, String> recordedStatus = new HashMap<>();
        summary.ifPresent(s -> s.receipts().forEach(r -> {
            recorded.put(normalize(r.path()), r.sha256());
            recordedStatus.put(normalize(r.path()), r.status());
        }));
        Map<String, String> testStatus = summary.map(RunSummaryView::testStatuses).orElse(Map.of());

        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(receiptsDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!file.getFileName().toString().endsWith(".json") || file.equals(summaryFile)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attrs.isRegularFile()) {
                        unreadable.add(new UnreadableFile(relative(receiptsDir, file), "not a regular file (a symbolic "
                                + "link or a special file); it is not opened: receipts are regular files"));
                    } else if (files.size() >= RunDirectory.MAX_FILES) {
                        throw new IOException("more than " + RunDirectory.MAX_FILES + " receipt files");
                    } else {
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
        List<StaleReceipt> stale = new ArrayList<>();
        String buildId = summary.map(RunSummaryView::buildId).orElse("");
        Set<String> seen = new HashSet<>();
        for (Path file : files) {
            String rel = relative(receiptsDir, file);
            seen.add(rel);
            Receipt receipt;
            String sha;
            try {
                receipt = Receipt.read(file);
                sha = BoundedFiles.sha256(file, ReceiptJson.MAX_FILE_BYTES);
            } catch (ReceiptReadException e) {
                unreadable.add(new UnreadableFile(rel, reason(e, receiptsDir)));
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
            } else {
                Optional<String> listed = Optional.ofNullable(recorded.get(rel)).or(() -> findBySuffix(recorded, rel));
                if (listed.isEmpty()) {
                    stale.add(stale(rel, receipt, buildId));
                    continue;
                }
                check = listed.get().equalsIgnoreCase(sha) ? HashCheck.MATCHES : HashCheck.MISMATCH;
            }
            List<ReportViolation> found;
            try {
                found = List.copyOf(violations.violationsOf(receipt));
            } catch (RuntimeException e) {
                // A checker that crashes on one receipt must not hide the others; the crash itself is shown.
                found = List.of(new ReportViolation("report.checker-crashed", "error", "", "",
                        "the violation checker threw " + e, "report this receipt and the stack trace as a bug"));
            }
            String uniqueId = receipt.test().map(Receipt.TestIdentity::uniqueId).orElse("");
            String status = testStatus.getOrDefault(uniqueId, Optional.ofNullable(recordedStatus.get(rel))
                    .or(() -> findBySuffix(recordedStatus, rel)).orElse(""));
            receipts.add(new ReceiptEntry(rel, receipt, sha, check, found,
                    ParityCheck.fromSection(receipt.get(ReceiptFields.PARITY)),
                    PerfMeasurement.fromReceipt(receipt.get(ReceiptFields.PERFORMANCE),
                            receipt.get(ReceiptFields.PERFORMANCE_BASELINE)), status == null ? "" : status));
        }
        List<String> missing = new ArrayList<>();
        for (String path : recorded.keySet()) {
            if (!seen.contains(path) && seen.stream().noneMatch(s -> path.endsWith("/" + s))) {
                missing.add(path);
            }
        }
        missing.sort(null);
        return new RunData(receiptsDir, List.copyOf(receipts), List.copyOf(unreadable), summary, List.copyOf(missing),
                List.copyOf(stale), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** A receipt the summary does not list, with why it is not this run's. */
    private static StaleReceipt stale(String rel, Receipt receipt, String runBuild) {
        String build = receipt.get(ReceiptFields.BUILD_ID).asText("");
        String test = receipt.test().map(t -> t.className().isEmpty() ? t.uniqueId() : t.className() + "#"
                + t.methodName()).orElse("");
        String reason;
        if (!build.isEmpty() && build.equals(runBuild)) {
            reason = "written by this build, but no finished test session recorded it: its test JVM crashed or was "
                    + "killed, so the run is incomplete";
        } else if (build.isEmpty()) {
            reason = "names no build and is not listed in run-summary.json: an older or foreign receipt left in the "
                    + "directory";
        } else {
            reason = "written by another build (" + build + "): a leftover of an earlier run, e.g. a renamed test or "
                    + "'mvn test -Dtest=…' without clean";
        }
        return new StaleReceipt(rel, build, test, reason + "; run mvn clean and re-run the tests");
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
