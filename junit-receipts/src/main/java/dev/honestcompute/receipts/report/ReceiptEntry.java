package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One readable receipt with what the report derives from it.
 *
 * @param file       path relative to the receipts directory, '/'-separated
 * @param receipt    the receipt
 * @param sha256     SHA-256 of the file's bytes
 * @param hashCheck  the file's hash against the run summary's record
 * @param violations rule violations from the {@link ViolationSource}
 * @param parity     parity comparisons (empty when the section is absent)
 * @param perf       performance measurements (empty when the section is absent)
 * @param recordedStatus the test's status as the run summary records it: the platform's outcome of the test
 *                   ({@code tests[]}), else the status its receipt was listed with ({@code receipts[]}); empty without
 *                   a run summary
 */
record ReceiptEntry(String file, Receipt receipt, String sha256, HashCheck hashCheck,
                    List<ReportViolation> violations, List<ParityCheck> parity, List<PerfMeasurement> perf,
                    String recordedStatus) {

    /** Statuses from best to worst: a test is shown with the worst its receipt and the run summary record. */
    private static final List<String> BEST_TO_WORST = List.of("unknown", "passed", "skipped", "deselected", "aborted",
            "failed");

    /** "Class#method", else the display name, else the file. */
    String testName() {
        return receipt.test().map(t -> {
            if (!t.className().isEmpty() && !t.methodName().isEmpty()) {
                return t.className() + "#" + t.methodName();
            }
            return t.displayName().isEmpty() ? file : t.displayName();
        }).orElse(file);
    }

    String displayName() {
        return receipt.test().map(Receipt.TestIdentity::displayName).orElse("");
    }

    /**
     * The test's status ({@code passed}, {@code failed}, {@code aborted}, or "unknown"): the worse of what the receipt
     * and the run summary record, so a badge never shows green for a test the run counted as failed (a test failed by
     * a rule of its receipt, or by an extension after the receipt was written). Without a run summary, a receipt that
     * says passed but breaks a rule counts as failed: {@code @EmitsReceipt} fails such a test after writing its
     * receipt, and the receipt keeps the body's outcome.
     */
    String status() {
        String own = receiptStatus();
        if (recordedStatus.isEmpty()) {
            return "passed".equals(own) && ruleErrors() > 0 ? "failed" : own;
        }
        return rank(recordedStatus) > rank(own) ? recordedStatus : own;
    }

    /** The status the receipt itself records. */
    String receiptStatus() {
        return receipt.test().map(Receipt.TestIdentity::status).filter(s -> !s.isEmpty()).orElse("unknown");
    }

    /** Why the status differs from the receipt's, or empty when they agree. */
    String statusNote() {
        String shown = status();
        if (shown.equals(receiptStatus())) {
            return "";
        }
        if (recordedStatus.isEmpty()) {
            long errors = ruleErrors();
            return "the receipt says " + receiptStatus() + " but breaks " + errors + " rule" + (errors == 1 ? "" : "s")
                    + ", which fails the test (no run-summary.json to confirm)";
        }
        return "the receipt says " + receiptStatus() + ", run-summary.json says " + recordedStatus;
    }

    private static int rank(String status) {
        int i = BEST_TO_WORST.indexOf(status == null ? "" : status);
        return i < 0 ? (status == null || status.isEmpty() ? -1 : 0) : i;
    }

    /** The parity checks' kernels per side, when the parity section records them. */
    Optional<ParityKernels> parityKernels() {
        return ParityKernels.fromSection(receipt.get(ReceiptFields.PARITY));
    }

    /** The perf variants compared with the first measurement. */
    List<VariantComparison> variants() {
        return VariantComparison.of(perf);
    }

    /** Errors among the violations. */
    long ruleErrors() {
        return violations.stream().filter(ReportViolation::isError).count();
    }

    /** What in this receipt needs attention, in words; empty when nothing does. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!status().equals("passed") && !status().equals("unknown")) {
            out.add("test " + status());
        }
        if (receipt.computePath().map(ReceiptFields.MOCK::equals).orElse(false)) {
            out.add("mock compute");
        }
        long errors = ruleErrors();
        if (errors > 0) {
            out.add(errors + " rule violation(s)");
        }
        parity.stream().filter(p -> p.verdict() == Outcome.FAIL).forEach(p -> out.add("parity " + p.label()
                + (p.input().isEmpty() ? "" : " on '" + p.input() + "'") + " failed"));
        perf.stream().filter(p -> p.outcome() == Outcome.FAIL).forEach(p -> out.add("perf " + p.name() + " "
                + p.verdict()));
        if (hashCheck == HashCheck.MISMATCH) {
            out.add("edited after the run (hash differs)");
        }
        return out;
    }

    /** True when something in this receipt needs attention (and the run's verdict fails). */
    boolean hasProblem() {
        return !problems().isEmpty();
    }
}
