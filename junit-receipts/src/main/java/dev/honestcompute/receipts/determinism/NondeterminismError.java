package dev.honestcompute.receipts.determinism;

/** Thrown when runs of the same body produced different outputs; an {@link AssertionError} so tests fail. */
public final class NondeterminismError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient OutputMismatch mismatch;

    public NondeterminismError(OutputMismatch mismatch) {
        super(mismatch.message());
        this.mismatch = mismatch;
    }

    public OutputMismatch mismatch() {
        return mismatch;
    }
}
