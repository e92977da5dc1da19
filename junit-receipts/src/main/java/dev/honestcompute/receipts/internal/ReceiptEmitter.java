package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.recorder.KernelObservations;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Assembles, checks and atomically writes one test's receipt, and registers it for the run summary. The receipt is
 * written whether or not it passes the check: a failing receipt is evidence too.
 */
public final class ReceiptEmitter {

    /**
     * What happened.
     *
     * @param path       where the receipt was written
     * @param sha256     SHA-256 of the written bytes
     * @param violations the rule violations; empty when the receipt passed
     * @param receipt    the receipt's tree
     */
    public record Emitted(Path path, String sha256, List<ReceiptCheck.Violation> violations, ObjectNode receipt,
                          String policy, String uniqueId) {

        /** The error that fails the test, naming the test, the file, the policy and every violation. */
        public Optional<AssertionError> failure() {
            if (violations.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder m = new StringBuilder("Receipt of ").append(uniqueId).append(" violates policy '")
                    .append(policy).append("' (").append(violations.size())
                    .append(" violation(s); written to ").append(path)
                    .append("):");
            for (ReceiptCheck.Violation v : violations) {
                m.append("\n  - [").append(v.rule()).append("] ").append(v.message());
            }
            return Optional.of(new AssertionFailedError(m.toString()));
        }
    }

    private ReceiptEmitter() {
    }

    /**
     * Assembles, checks, writes and registers the receipt of {@code run} under {@code dir}.
     *
     * @throws UncheckedIOException naming the file and the directory parameter when the receipt cannot be written
     * @throws IllegalStateException when another test of this run already wrote the same receipt file
     */
    public static Emitted emit(Path dir, TestRun run) {
        LibraryOnly.check("a receipt", "annotate the test with @EmitsReceipt; the receipt is written from what the "
                + "recorder observed while it ran");
        KernelObservations seen = run.observations();
        if (seen != null && (!seen.owner().equals(run.uniqueId()) || !seen.closed())) {
            throw new IllegalStateException("the observations given for the receipt of " + run.uniqueId()
                    + " are those of window '" + seen.owner() + "'" + (seen.closed() ? "" : " (still open)")
                    + "; a receipt holds only its own test's closed window");
        }
        String build = SessionReceipts.buildOf(dir).value();
        ObjectNode receipt = ReceiptAssembler.assemble(run);
        receipt.put(ReceiptFields.BUILD_ID, build);
        List<ReceiptCheck.Violation> violations = ReceiptCheck.check(receipt, run.policy());
        if (!violations.isEmpty() && ReceiptFields.PASSED.equals(run.status())) {
            // a test failed by its own receipt's rules is a failed test: the receipt, the summary and the report agree
            receipt = ReceiptAssembler.assemble(run.withStatus(ReceiptFields.FAILED, "receipt rules "
                    + violations.stream().map(ReceiptCheck.Violation::rule).distinct()
                    .collect(java.util.stream.Collectors.joining(", ")) + " of policy '" + run.policy() + "'"));
            receipt.put(ReceiptFields.BUILD_ID, build);
        }
        Path path = ReceiptPaths.receiptPath(dir, run.className(), run.methodName(), run.plainMethod(),
                run.displayName(), run.uniqueId());
        byte[] bytes = ReceiptJson.bytes(receipt);
        String sha256 = Sha256.of(bytes);
        SessionReceipts.claim(path, run.uniqueId());
        try {
            ReceiptJson.writeAtomically(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Honest Compute could not write the receipt of " + run.uniqueId() + " to "
                    + path + ": " + e + "; check that the receipts directory (JUnit configuration parameter '"
                    + EmitsReceipt.DIR_PARAMETER + "') is writable", e);
        }
        SessionReceipts.register(dir, new SessionReceipts.Written(path, sha256, run.uniqueId(),
                receipt.path(ReceiptFields.TEST).path(ReceiptFields.STATUS).asText(run.status())));
        return new Emitted(path, sha256, violations, receipt, run.policy(), run.uniqueId());
    }
}
