package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.fixtures.lock.LockfileException;
import dev.honestcompute.fixtures.lock.RelativeModelPath;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.BoundedFiles;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.honestcompute.receipts.summary.RunSummaryProblem.Kind;

/**
 * The checks of a run summary against the receipts directory beside it: every listed receipt is inside the directory,
 * exists, hashes to its recorded SHA-256 and names the test, status and build its entry gives; every other receipt in
 * the directory is reported: stale (another build's), unrecorded (this build's, written by a JVM that never finished its
 * session) or unlisted (not a receipt at all).
 */
final class SummaryReceipts {

    private final RunSummary summary;
    private final Path summaryFile;
    private final Path dir;
    private final ProblemList problems;

    private SummaryReceipts(RunSummary summary, Path summaryFile, ProblemList problems) {
        this.summary = summary;
        this.summaryFile = summaryFile;
        this.dir = summaryFile.toAbsolutePath().normalize().getParent();
        this.problems = problems;
    }

    /**
     * Runs the checks.
     *
     * @return whether every listed receipt was found intact (so the replay block can be recomputed from them)
     * @throws ReceiptReadException when the directory cannot be listed
     */
    static boolean check(RunSummary summary, Path summaryFile, ProblemList problems) throws ReceiptReadException {
        SummaryReceipts c = new SummaryReceipts(summary, summaryFile, problems);
        Set<Path> listed = new HashSet<>();
        boolean intact = true;
        for (RunSummary.ReceiptDigest receipt : summary.receipts()) {
            intact &= c.listed(receipt, listed);
        }
        c.unlisted(listed);
        return intact;
    }

    private boolean listed(RunSummary.ReceiptDigest receipt, Set<Path> listed) {
        String path = String.valueOf(receipt.path());
        Path file = insideDirectory(path);
        if (file == null) {
            problems.add(Kind.OUTSIDE_DIRECTORY, path, summaryFile + ": receipt path '" + path + "' leaves the receipts "
                    + "directory " + dir + "; a summary lists only receipts under its own directory, regenerate it by "
                    + "re-running the tests");
            return false;
        }
        listed.add(file);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(Kind.MISSING, path, file + ": listed in " + summaryFile + " with sha256 " + receipt.sha256()
                    + " but the file does not exist; re-run the tests");
            return false;
        }
        String actual;
        ObjectNode tree;
        try {
            actual = BoundedFiles.sha256(file, ReceiptJson.MAX_FILE_BYTES);
            if (!actual.equals(receipt.sha256())) {
                problems.add(Kind.MODIFIED, path, file + ": sha256 is " + actual + " but " + summaryFile + " recorded "
                        + receipt.sha256() + " when the test wrote it; the receipt was changed after the run, re-run the "
                        + "tests");
                return false;
            }
            tree = ReceiptJson.readObject(file);
        } catch (ReceiptReadException e) {
            problems.add(Kind.UNREADABLE_RECEIPT, path, e.getMessage() + " (listed in " + summaryFile + ")");
            return false;
        }
        RunDirectory.Identity id = RunDirectory.Identity.of(tree);
        boolean ok = true;
        if (!Objects.equals(id.testId(), receipt.test())) {
            ok = mismatch(file, path, "names test '" + id.testId() + "'", "lists it for test '" + receipt.test() + "'");
        }
        if (!Objects.equals(id.status(), receipt.status())) {
            ok &= mismatch(file, path, "records status '" + id.status() + "'", "records '" + receipt.status() + "'");
        }
        if (summary.buildId() != null && !summary.buildId().equals(id.buildId())) {
            ok &= mismatch(file, path, "was written by build '" + id.buildId() + "'", "is the summary of build '"
                    + summary.buildId() + "'");
        }
        return ok;
    }

    private boolean mismatch(Path file, String path, String receiptSays, String summarySays) {
        problems.add(Kind.RECEIPT_MISMATCH, path, file + " " + receiptSays + " but " + summaryFile + " " + summarySays
                + "; its digest matches, so the summary's entry was edited: re-run the tests");
        return false;
    }

    private void unlisted(Set<Path> listed) throws ReceiptReadException {
        RunDirectory.Listing listing = RunDirectory.list(dir);
        java.util.Map<String, String> listedTests = new java.util.HashMap<>();
        summary.receipts().forEach(r -> listedTests.putIfAbsent(String.valueOf(r.test()), String.valueOf(r.path())));
        for (String reason : listing.unreadable()) {
            problems.add(Kind.UNLISTED, "", reason);
        }
        for (Path f : listing.special()) {
            problems.add(Kind.UNLISTED, RunDirectory.relative(dir, f), f + ": not a regular file (a symbolic link or "
                    + "a special file) in the receipts directory; receipts are regular files written by the tests: "
                    + "remove it");
        }
        for (Path f : listing.receipts()) {
            Path file = f.toAbsolutePath().normalize();
            if (listed.contains(file)) {
                continue;
            }
            String rel = RunDirectory.relative(dir, file);
            Optional<RunDirectory.Identity> id = RunDirectory.identify(file);
            if (id.isEmpty()) {
                problems.add(Kind.UNLISTED, rel, file + ": a file in the receipts directory that " + summaryFile
                        + " does not list and that is not a readable receipt; it was not written by that run: delete it "
                        + "or re-run the tests");
            } else if (summary.buildId() != null && summary.buildId().equals(id.get().buildId())
                    && listedTests.containsKey(id.get().testId())) {
                problems.add(Kind.UNLISTED, rel, file + ": a second receipt of test " + id.get().testId() + ", whose "
                        + "receipt " + summaryFile + " records as '" + listedTests.get(id.get().testId()) + "': a copy "
                        + "added after the run; delete it or re-run the tests");
            } else if (summary.buildId() != null && summary.buildId().equals(id.get().buildId())) {
                problems.add(Kind.UNRECORDED, rel, file + ": a receipt of this build (" + summary.buildId() + ", test "
                        + id.get().testId() + ") that no finished test session recorded: the test JVM that wrote it "
                        + "crashed or was killed before its session ended, so the run is incomplete; re-run the tests");
            } else {
                problems.add(Kind.STALE, rel, file + ": a stale receipt of " + (id.get().buildId() == null
                        ? "no named build (written by an older version or another tool)"
                        : "build '" + id.get().buildId() + "'") + ", test " + id.get().testId() + ", not of this run's "
                        + "build '" + summary.buildId() + "': a leftover of an earlier build (a renamed or deselected "
                        + "test, 'mvn test -Dtest=…' without clean); run mvn clean and re-run the tests");
            }
        }
    }

    /** The listed receipt's file, or {@code null} when the path is absolute or leaves the directory. */
    private Path insideDirectory(String listed) {
        try {
            RelativeModelPath.check(listed, "run summary");
        } catch (LockfileException e) {
            return null;
        }
        Path file = dir.resolve(listed).normalize();
        return file.startsWith(dir) && !file.equals(dir) ? file : null;
    }
}
