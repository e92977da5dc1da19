package dev.honestcompute.parity.reference;

/**
 * Container parity cannot run: no Docker engine, or the run deselected it with
 * {@code -Dhonestcompute.parity.container=skip}. A failure, never a pass; a deselection is reported and counted
 * by the caller ({@link #deselected()}).
 */
public class ContainerParityUnavailableException extends ReferenceEngineException {

    private static final long serialVersionUID = 1L;

    private final boolean deselected;

    ContainerParityUnavailableException(String message, boolean deselected, Throwable cause) {
        super(message, cause);
        this.deselected = deselected;
    }

    /** True when the run explicitly deselected container parity (not an error, but never counted as passed). */
    public boolean deselected() {
        return deselected;
    }
}
