package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.replay.CanonicalJson;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a run summary, the contract of one build's test run: against itself (counts equal {@code tests[]}, every
 * {@code @EmitsReceipt} test that ran has its receipt and every receipt its test, statuses agree, the replay block is
 * what the listed receipts give, a build id is there), against the receipts directory beside it (every listed receipt
 * is there, unedited, with the test, status and build its entry names; every other receipt is reported as stale or
 * unrecorded) and, when a public key is given, against its signature. Plain Java, for the CLI and CI scripts.
 *
 * <pre>{@code
 * PublicKey trusted = RunSigningKey.parsePublicKey(Files.readString(Path.of("ci/run-signing.pub.pem")), "ci key");
 * RunSummaryVerification v = RunSummaryVerifier.verify(Path.of("target/receipts/run-summary.json"), trusted);
 * if (!v.ok()) { v.problems().forEach(p -> System.err.println(p.kind() + " " + p.path() + ": " + p.message())); }
 * }</pre>
 */
public final class RunSummaryVerifier {

    /** Problems listed per kind; further ones are counted in one line. */
    public static final int MAX_PER_KIND = 20;

    private RunSummaryVerifier() {
    }

    /**
     * Checks the summary at {@code summaryFile}.
     *
     * @param trusted the public key the summary must be signed with, or null to only report whether it is signed
     * @throws ReceiptReadException when the summary cannot be read (missing, malformed, of another major version) or
     *                              its directory cannot be listed; the message names the file
     */
    public static RunSummaryVerification verify(Path summaryFile, PublicKey trusted) throws ReceiptReadException {
        return verify(summaryFile, trusted, null);
    }

    /**
     * Checks the summary at {@code summaryFile}, which must also be the summary of build {@code buildId}: pinning the
     * build catches an older, validly signed run put in place of this one.
     *
     * @param buildId the build id the run must have, or null for any
     * @throws ReceiptReadException as {@link #verify(Path, PublicKey)}
     */
    public static RunSummaryVerification verify(Path summaryFile, PublicKey trusted, String buildId)
            throws ReceiptReadException {
        ObjectNode tree = ReceiptJson.readSummaryObject(summaryFile);
        RunSummary summary = RunSummaryFiles.fromTree(tree, summaryFile.toString());
        ProblemList problems = new ProblemList();
        RunSignature.Check signature = RunSignature.check(tree, trusted);
        if (trusted != null && signature.outcome() == RunSignature.Outcome.NOT_SIGNED) {
            problems.add(RunSummaryProblem.Kind.NOT_SIGNED, RunSignature.FIELD, summaryFile + ": " + signature.message());
        } else if (signature.outcome() == RunSignature.Outcome.INVALID) {
            problems.add(RunSummaryProblem.Kind.SIGNATURE_INVALID, RunSignature.FIELD, summaryFile + ": "
                    + signature.message());
        }
        if (buildId != null && !buildId.equals(summary.buildId())) {
            problems.add(RunSummaryProblem.Kind.OTHER_BUILD, "build_id", summaryFile + ": the summary of build '"
                    + summary.buildId() + "', but build '" + buildId + "' was required (--build-id): these are the "
                    + "receipts of another run, e.g. an older one put in place of this build's");
        }
        SummaryConsistency.check(summary, summaryFile.toString(), problems);
        if (SummaryReceipts.check(summary, summaryFile, problems)) {
            replay(summary, summaryFile, problems);
        }
        return new RunSummaryVerification(summaryFile, summary, signature, problems.toList());
    }

    /** Recomputes the replay block from the listed receipts and compares it with the recorded one. */
    private static void replay(RunSummary summary, Path summaryFile, ProblemList problems) {
        JsonNode recorded = summary.replay();
        if (recorded == null || recorded.isNull()) {
            problems.add(RunSummaryProblem.Kind.REPLAY_MISMATCH, "replay", summaryFile + ": replay is missing; the "
                    + "session writes the replay block of every run: the summary was edited, re-run the tests");
            return;
        }
        Map<String, String> config = new TreeMap<>();
        JsonNode recordedConfig = recorded.path("plan").path("config");
        for (Iterator<Map.Entry<String, JsonNode>> it = recordedConfig.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            config.put(e.getKey(), e.getValue().asText());
        }
        List<String> paths = new ArrayList<>();
        summary.receipts().forEach(r -> paths.add(r.path()));
        JsonNode expected;
        try {
            expected = RunReplay.block(summaryFile.toAbsolutePath().normalize().getParent(), paths, config);
        } catch (ReceiptReadException | IllegalArgumentException e) {
            problems.add(RunSummaryProblem.Kind.REPLAY_MISMATCH, "replay", summaryFile + ": the replay block cannot "
                    + "be recomputed from the listed receipts: " + e.getMessage());
            return;
        }
        List<String> differing = new ArrayList<>();
        for (String field : new String[] {"format", "plan", "plan_sha256", "results", "result_sha256",
                "deterministic_fields", "nondeterministic_fields"}) {
            if (!canonical(expected.path(field)).equals(canonical(recorded.path(field)))) {
                differing.add(field);
            }
        }
        if (!differing.isEmpty()) {
            problems.add(RunSummaryProblem.Kind.REPLAY_MISMATCH, "replay", summaryFile + ": replay " + String.join(", ",
                    differing) + " differ(s) from the block recomputed from the listed receipts (plan_sha256 "
                    + expected.path("plan_sha256").asText() + ", result_sha256 " + expected.path("result_sha256").asText()
                    + "); the replay block was edited: re-run the tests");
        }
    }

    private static String canonical(JsonNode n) {
        return n.isMissingNode() ? "<absent>" : CanonicalJson.write(n);
    }
}
