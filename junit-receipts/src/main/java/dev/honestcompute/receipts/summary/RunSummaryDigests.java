package dev.honestcompute.receipts.summary;

import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.fixtures.lock.LockfileException;
import dev.honestcompute.fixtures.lock.RelativeModelPath;
import dev.honestcompute.receipts.ReceiptReadException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Re-checks a run summary's receipt digests: every listed receipt must exist inside the summary's directory and
 * hash to the listed SHA-256, and no receipt may sit in the directory without being listed. Plain Java, for the CLI
 * and for CI scripts.
 *
 * <pre>{@code
 * List<RunSummaryDigests.Problem> problems = RunSummaryDigests.check(Path.of("target/receipts/run-summary.json"));
 * problems.forEach(p -> System.err.println(p.message()));
 * }</pre>
 */
public final class RunSummaryDigests {

    /** What can be wrong with a listed or present receipt. */
    public enum Kind {
        /** Listed, but the file's SHA-256 differs: the receipt was edited after the run. */
        MODIFIED,
        /** Listed, but the file is gone. */
        MISSING,
        /** Listed with a path that leaves the summary's directory. */
        OUTSIDE_DIRECTORY,
        /** Present in the directory, but not written by the run the summary describes. */
        UNLISTED
    }

    /**
     * One problem.
     *
     * @param kind    what is wrong
     * @param path    the receipt's path relative to the summary's directory
     * @param message a sentence naming the file, what was expected and what to do
     */
    public record Problem(Kind kind, String path, String message) {
    }

    private static final long SMALL_FILE = 1L << 20;

    private RunSummaryDigests() {
    }

    /**
     * Checks the summary at {@code summaryFile} against the receipts beside it.
     *
     * @return every problem found; empty when all digests match
     * @throws ReceiptReadException when the summary itself cannot be read or parsed, or its directory cannot be
     *                              listed (the message names the file)
     */
    public static List<Problem> check(Path summaryFile) throws ReceiptReadException {
        RunSummary summary = RunSummaryFiles.read(summaryFile);
        Path dir = summaryFile.toAbsolutePath().normalize().getParent();
        List<Problem> problems = new ArrayList<>();
        Set<Path> listed = new HashSet<>();
        for (RunSummary.ReceiptDigest receipt : summary.receipts()) {
            Path file = insideDirectory(dir, receipt.path());
            if (file == null) {
                problems.add(new Problem(Kind.OUTSIDE_DIRECTORY, receipt.path(), summaryFile + ": receipt path '"
                        + receipt.path() + "' leaves the receipts directory " + dir
                        + "; a summary lists only receipts under its own directory, regenerate it by re-running the tests"));
                continue;
            }
            listed.add(file);
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem(Kind.MISSING, receipt.path(), file + ": listed in " + summaryFile
                        + " with sha256 " + receipt.sha256() + " but the file does not exist; re-run the tests"));
                continue;
            }
            String actual;
            try {
                // Receipts are small: one read beats the streaming hash's 1 MiB buffer per file.
                actual = Files.size(file) <= SMALL_FILE ? Sha256.of(Files.readAllBytes(file)) : Sha256.of(file);
            } catch (IOException e) {
                throw new ReceiptReadException(file, "cannot read listed receipt: " + e, e);
            }
            if (!actual.equals(receipt.sha256())) {
                problems.add(new Problem(Kind.MODIFIED, receipt.path(), file + ": sha256 is " + actual + " but "
                        + summaryFile + " recorded " + receipt.sha256()
                        + " when the test wrote it; the receipt was changed after the run, re-run the tests"));
            }
        }
        Path self = summaryFile.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize())
                    .filter(f -> !f.equals(self) && !listed.contains(f))
                    .sorted()
                    .forEach(f -> problems.add(new Problem(Kind.UNLISTED, portable(dir.relativize(f)), f
                            + ": a receipt in the directory that " + summaryFile + " does not list; it was not"
                            + " written by that run (stale or added later): delete it or re-run the tests")));
        } catch (IOException | UncheckedIOException e) {
            throw new ReceiptReadException(dir, "cannot list the receipts directory: " + e, e);
        }
        return problems;
    }

    /** The listed receipt's file, or {@code null} when the path is absolute or leaves {@code dir}. */
    private static Path insideDirectory(Path dir, String listed) {
        try {
            RelativeModelPath.check(listed, "run summary");
        } catch (LockfileException e) {
            return null;
        }
        Path file = dir.resolve(listed).normalize();
        return file.startsWith(dir) && !file.equals(dir) ? file : null;
    }

    private static String portable(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
