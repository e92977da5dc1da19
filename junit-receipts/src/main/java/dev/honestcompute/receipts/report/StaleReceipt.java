package dev.honestcompute.receipts.report;

/**
 * A receipt in the receipts directory that the run summary does not list: another build's (a renamed or deselected
 * test, {@code mvn test -Dtest=…} without clean) or written by a test JVM that never finished. The report names it
 * apart and never shows it as one of this run's tests.
 *
 * @param file    path relative to the receipts directory
 * @param buildId the build it names, or empty
 * @param test    the test it names ("Class#method"), or empty
 * @param reason  why it is not this run's, in a sentence
 */
record StaleReceipt(String file, String buildId, String test, String reason) {
}
