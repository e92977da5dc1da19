package dev.honestcompute.receipts.perf;

/**
 * A measurement that cannot be trusted: an iteration too fast to time, a body that did no work, a number that is not
 * finite and positive. The message names the measurement, the iteration and what to do next.
 */
public final class PerfMeasurementException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PerfMeasurementException(String message) {
        super(message);
    }

    public PerfMeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}
