package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.host.HostFingerprint;
import dev.honestcompute.receipts.report.ReportInputException;
import dev.honestcompute.receipts.report.ReportRenderer;
import dev.honestcompute.receipts.report.ViolationSource;
import dev.honestcompute.receipts.summary.RunDirectory;
import dev.honestcompute.receipts.summary.RunReplay;
import dev.honestcompute.receipts.summary.RunSignature;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a session's tally and its registered receipts into a {@link RunSummary} and writes it. */
final class RunSummaries {

    private RunSummaries() {
    }

    /**
     * This session's summary merged into the one an earlier session of the same build left in {@code dir} (see
     * {@link RunSummary}), with every other receipt in the directory named as stale, signed when a key is configured;
     * call while holding {@link RunSummaryLock}.
     */
    static RunSummary assemble(Path dir, RunSummaryMerge.Session session) {
        RunSummary earlier = earlier(dir, session);
        Map<String, RunSummary.ReceiptDigest> written = new LinkedHashMap<>();
        for (SessionReceipts.Written w : SessionReceipts.drain(dir)) {
            String relative = RunDirectory.relative(dir, w.path());
            written.put(relative, new RunSummary.ReceiptDigest(relative, w.sha256(), w.testId(), w.status()));
        }
        Map<String, RunSummary.ReceiptDigest> receipts = RunSummaryMerge.receipts(earlier, written);
        List<RunSummary.TestOutcome> tests = new ArrayList<>(RunSummaryMerge.tests(earlier, session).values());
        JsonNode host = HostFingerprint.current().toJson();
        String started = earlier == null ? session.started().toString() : earlier.startedAt();
        List<RunSummary.StaleReceipt> stale = stale(dir, receipts, session.build());
        RunSummary summary = new RunSummary(RunSummary.VERSION, session.build().value(), session.build().source(),
                started, session.finished().toString(), RunSummaryMerge.counts(tests), RunSummary.skipsOf(tests),
                RunSummary.deselectionsOf(tests), RunSummaryMerge.failedContainers(earlier, session),
                earlier == null ? 1 : earlier.sessions() + 1, new ArrayList<>(receipts.values()), stale, host,
                replay(dir, new ArrayList<>(receipts.keySet())), tests, null);
        return session.signing() == null ? summary : RunSignature.sign(summary, session.signing());
    }

    /**
     * The summary an earlier session of this build left, or null when there is none or it cannot be merged: another
     * build's, another version's, unreadable, or (when this session signs) not signed by this session's key.
     */
    private static RunSummary earlier(Path dir, RunSummaryMerge.Session session) {
        Path file = dir.resolve(RunSummary.FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        String why;
        try {
            ObjectNode tree = ReceiptJson.readSummaryObject(file);
            RunSummary earlier = RunSummaryFiles.fromTree(tree, file.toString());
            why = RunSummaryMerge.whyNotMerge(earlier, session);
            if (why == null && session.signing() != null) {
                RunSignature.Check check = RunSignature.check(tree, session.signing().publicKey());
                if (check.outcome() != RunSignature.Outcome.VERIFIED) {
                    why = "this session signs with key sha256:" + dev.honestcompute.receipts.summary.RunSigningKey
                            .fingerprint(session.signing().publicKey()) + " and the earlier summary's " + check.message();
                }
            }
            if (why == null) {
                return earlier;
            }
            if (earlier.buildId() != null && !earlier.buildId().equals(session.build().value())) {
                // another build's summary: the normal case after 'mvn test' without clean, not a warning
                System.err.println("Honest Compute: " + file + " was written by build '" + earlier.buildId()
                        + "'; this session (build '" + session.build().value() + "') starts a new run summary, and the "
                        + "receipts of that build left in " + dir + " are listed as stale" + generatedNote(session));
                return null;
            }
        } catch (ReceiptReadException e) {
            why = e.getMessage();
        }
        System.err.println("Honest Compute: replacing " + file + " instead of merging into it: " + why
                + "; receipts it listed that this session did not rewrite will be reported as stale or unrecorded: "
                + "clean the receipts directory (mvn clean) and re-run the tests");
        return null;
    }

    private static String generatedNote(RunSummaryMerge.Session session) {
        return session.build().configured() ? "" : ". No build id is set (system property or configuration parameter '"
                + RunSummary.BUILD_ID_PARAMETER + "'), so every test JVM is its own build: if that summary belongs to "
                + "this mvn invocation (another Surefire execution, Failsafe, a fork), set one id for the whole "
                + "invocation, e.g. -D" + RunSummary.BUILD_ID_PARAMETER + "=${maven.build.timestamp} in the argLine (the "
                + "Honest Compute Maven plugin's prepare-agent does this)";
    }

    /** Receipts in {@code dir} this build did not record; read only to name their build and test. */
    private static List<RunSummary.StaleReceipt> stale(Path dir, Map<String, RunSummary.ReceiptDigest> recorded,
                                                       BuildId build) {
        List<RunSummary.StaleReceipt> out = new ArrayList<>();
        RunDirectory.Listing listing;
        try {
            listing = RunDirectory.list(dir);
        } catch (ReceiptReadException e) {
            throw new IllegalStateException("Honest Compute could not update " + dir.resolve(RunSummary.FILE_NAME)
                    + ": " + e.getMessage(), e);
        }
        for (Path file : listing.receipts()) {
            String relative = RunDirectory.relative(dir, file);
            if (!recorded.containsKey(relative)) {
                Optional<RunDirectory.Identity> id = RunDirectory.identify(file);
                out.add(new RunSummary.StaleReceipt(relative, id.map(RunDirectory.Identity::buildId).orElse(null),
                        id.map(RunDirectory.Identity::testId).orElse(null)));
            }
        }
        if (!out.isEmpty()) {
            System.err.println("Honest Compute: " + out.size() + " receipt(s) in " + dir + " were not written by this "
                    + "build ('" + build.value() + "'), e.g. " + out.get(0).path() + "; run-summary.json lists them as "
                    + "stale and 'verify' fails until they are gone: run mvn clean and re-run the tests"
                    + (build.configured() ? "" : " (no build id is set, so receipts of other test JVMs of one mvn "
                    + "invocation count as stale too: set '" + RunSummary.BUILD_ID_PARAMETER + "')"));
        }
        return out;
    }

    /** The replay block over this run's receipts in the order the summary lists them. */
    private static JsonNode replay(Path dir, List<String> relativePaths) {
        try {
            return RunReplay.block(dir, relativePaths, Map.of());
        } catch (ReceiptReadException e) {
            throw new IllegalStateException("Honest Compute cannot read back a receipt of this run for the "
                    + "replay block: " + e.getMessage() + "; the run summary lists the receipts of every test "
                    + "session of this build, so a receipt an earlier session wrote and that was removed or damaged "
                    + "since also ends here: clean the receipts directory (mvn clean) and re-run the tests", e);
        } catch (IllegalArgumentException e) {
            // the summary accumulates across the sessions of a build: an earlier session's receipts can conflict
            throw new IllegalStateException("Honest Compute could not update " + dir.resolve(RunSummary.FILE_NAME)
                    + ": its replay block cannot be built: " + e.getMessage() + ". The run summary accumulates the "
                    + "receipts of every test session of a build, and receipts an earlier session left in " + dir
                    + " conflict with this session's (for example a model fixture changed between the sessions); "
                    + "clean the receipts directory (mvn clean) and re-run the tests", e);
        }
    }

    /**
     * Renders {@code index.html} and {@code summary.md} beside the run summary, listing the default policy's
     * violations. A report that cannot be written fails loudly, like the summary itself.
     */
    static void report(Path dir) {
        try {
            ReportRenderer.renderDirectory(dir, ViolationSource.of(ReceiptVerifier.forPolicy(
                    ReceiptVerifier.DEFAULT_POLICY)));
        } catch (ReportInputException | IOException e) {
            throw new UncheckedIOException("Honest Compute could not write the report into " + dir + ": "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
    }

    static void write(Path dir, RunSummary summary) {
        try {
            RunSummaryFiles.write(dir, summary);
        } catch (IOException e) {
            throw new UncheckedIOException("Honest Compute could not write " + dir.resolve(RunSummary.FILE_NAME)
                    + ": " + e.getMessage() + "; check that the receipts directory (JUnit configuration parameter '"
                    + EmitsReceipt.DIR_PARAMETER + "') is writable", e);
        }
    }
}
