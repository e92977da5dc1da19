package dev.honestcompute.parity.reference;

/** A reference engine could not answer: the message names the engine call, what went wrong and what to do. */
public class ReferenceEngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReferenceEngineException(String message) {
        super(message);
    }

    public ReferenceEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
