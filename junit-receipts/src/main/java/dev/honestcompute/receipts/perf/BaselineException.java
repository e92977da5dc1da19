package dev.honestcompute.receipts.perf;

/** A baseline or receipt file that cannot be used; the message names the file, the field and the fix. */
public final class BaselineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
