package dev.honestcompute.receipts.perf;

/** Receives one call per unit (token, item) the measured work produced; the recorder timestamps the calls. */
public interface UnitSink {

    /** Marks that one unit was just produced. */
    void unit();
}
