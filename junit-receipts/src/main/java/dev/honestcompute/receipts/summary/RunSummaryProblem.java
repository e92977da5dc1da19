package dev.honestcompute.receipts.summary;

/**
 * One thing wrong with a run: with its summary, with a receipt it lists, or with the receipts directory beside it.
 *
 * <pre>{@code
 * for (RunSummaryProblem p : RunSummaryVerifier.verify(summaryFile, null).problems()) {
 *     System.err.println(p.kind() + " " + p.path() + ": " + p.message());
 * }
 * }</pre>
 *
 * @param kind    what is wrong
 * @param path    the receipt's path relative to the summary's directory, or the summary's field (e.g.
 *                {@code counts.passed}); empty for a line that counts further problems of the same kind
 * @param message a sentence naming the file or field, what was expected and what to do
 */
public record RunSummaryProblem(Kind kind, String path, String message) {

    /** What can be wrong. */
    public enum Kind {
        /** A listed receipt's SHA-256 differs: the receipt was edited after the run. */
        MODIFIED,
        /** A listed receipt is gone. */
        MISSING,
        /** A listed path leaves the summary's directory. */
        OUTSIDE_DIRECTORY,
        /** A file in the directory that is not a receipt of any build (not a regular file, or not readable). */
        UNLISTED,
        /** A receipt in the directory written by another build (or by a version without build ids). */
        STALE,
        /** A receipt of this build that no finished test session recorded: its test JVM crashed or was killed. */
        UNRECORDED,
        /** A listed receipt cannot be read or parsed. */
        UNREADABLE_RECEIPT,
        /** A listed receipt names another test, status or build than its entry in the summary. */
        RECEIPT_MISMATCH,
        /** The summary has no build id (written by an older version). */
        MISSING_BUILD_ID,
        /** The summary is of another build than the one required ({@code verify --build-id}). */
        OTHER_BUILD,
        /** {@code counts}, {@code skipped} or {@code deselected_by_rule} disagree with {@code tests[]}. */
        COUNTS,
        /** A test or a receipt appears twice. */
        DUPLICATE,
        /** A test's status is not one of passed, failed, skipped, aborted, deselected. */
        UNKNOWN_STATUS,
        /** An {@code @EmitsReceipt} test ran but the summary lists no receipt for it. */
        TEST_WITHOUT_RECEIPT,
        /** A listed receipt belongs to no test of the summary. */
        RECEIPT_WITHOUT_TEST,
        /** A receipt's entry and its test's entry in {@code tests[]} give different statuses. */
        STATUS_MISMATCH,
        /** The replay block differs from the one recomputed from the listed receipts. */
        REPLAY_MISMATCH,
        /** A public key was given but the summary is not signed. */
        NOT_SIGNED,
        /** The signature does not verify with the given public key. */
        SIGNATURE_INVALID
    }
}
