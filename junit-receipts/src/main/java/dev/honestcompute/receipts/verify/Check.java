package dev.honestcompute.receipts.verify;

/** One or a few closely related rules, evaluated against a receipt. Internal: not API. */
@FunctionalInterface
interface Check {
    void run(Subject subject, Findings findings);
}
