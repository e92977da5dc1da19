package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.util.ArrayList;
import java.util.List;

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
 */
record ReceiptEntry(String file, Receipt receipt, String sha256, HashCheck hashCheck,
                    List<ReportViolation> violations, List<ParityCheck> parity, List<PerfMeasurement> perf) {

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

    /** The test's status as recorded ({@code passed}, {@code failed}, {@code aborted}), or "unknown". */
    String status() {
        return receipt.test().map(Receipt.TestIdentity::status).filter(s -> !s.isEmpty()).orElse("unknown");
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
        long errors = violations.stream().filter(ReportViolation::isError).count();
        if (errors > 0) {
            out.add(errors + " rule violation(s)");
        }
        parity.stream().filter(p -> p.verdict() == Outcome.FAIL).forEach(p -> out.add("parity " + p.label()
                + " failed"));
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
