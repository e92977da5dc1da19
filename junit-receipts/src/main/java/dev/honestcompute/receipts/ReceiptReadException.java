package dev.honestcompute.receipts;

import java.nio.file.Path;

/**
 * A receipt (or run summary) that cannot be read at all: missing, unreadable, too large, not JSON, nested too deep,
 * or not a JSON object. A receipt that reads fine but breaks a rule is a verification failure instead
 * ({@link ReceiptVerifier}). The command-line verifier exits with 2 on this exception.
 *
 * <p>The message always names the source (file path or label), what was wrong and what to do next.
 */
public final class ReceiptReadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;

    public ReceiptReadException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    public ReceiptReadException(Path source, String message, Throwable cause) {
        this(source.toString(), message, cause);
    }

    /** The file path or label of the input that could not be read. */
    public String source() {
        return source;
    }
}
