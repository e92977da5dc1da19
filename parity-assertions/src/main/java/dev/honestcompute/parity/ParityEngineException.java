package dev.honestcompute.parity;

/** An engine failed to produce output for a parity input: the message names the engine, its role and the input. */
public class ParityEngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ParityEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
