package dev.honestcompute.receipts.report;

/**
 * The report cannot be rendered from the given input at all, e.g. the receipts directory does not exist. Single
 * malformed receipts are not this: the report lists them as unreadable. The message names the input and what to do.
 */
public final class ReportInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }
}
