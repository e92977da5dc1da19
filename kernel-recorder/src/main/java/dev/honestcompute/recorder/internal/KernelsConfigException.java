package dev.honestcompute.recorder.internal;

/** A kernels config that cannot be used; the message names the file, the JSON pointer and what was expected. */
public final class KernelsConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KernelsConfigException(String message) {
        super(message);
    }
}
