package dev.honestcompute.receipts.report;

/** A receipt file's SHA-256 compared with the one the run summary recorded (tamper evidence). */
enum HashCheck {
    /** The file hashes to what the run summary recorded. */
    MATCHES,
    /** The file was changed after the run summary was written. */
    MISMATCH,
    /** There is no readable run summary to compare with. */
    NO_SUMMARY
}
