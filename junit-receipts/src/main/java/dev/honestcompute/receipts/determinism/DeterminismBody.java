package dev.honestcompute.receipts.determinism;

/** The code a determinism check runs several times; it records its outputs on the given recorder. */
@FunctionalInterface
public interface DeterminismBody {

    void run(DeterminismRecorder outputs) throws Exception;
}
