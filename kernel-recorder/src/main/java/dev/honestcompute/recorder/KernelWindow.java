package dev.honestcompute.recorder;

/**
 * A recording window: kernel calls made while it is open are attributed to it (see {@link KernelRecorder} for the
 * attribution rules). Close it to get what it observed.
 *
 * <pre>{@code
 * try (KernelWindow window = KernelRecorder.openWindow("MyTest#matmul", true)) {
 *     engine.forward(tokens);
 *     KernelObservations seen = window.observations();
 * }
 * }</pre>
 */
public interface KernelWindow extends AutoCloseable {

    /** Human-readable owner, e.g. a test's unique id. */
    String owner();

    /** Whether mock compute reached in this window throws {@code MockComputeLeakError}. */
    boolean production();

    /** A snapshot of what was observed so far (the final one after {@link #close()}). */
    KernelObservations observations();

    /** Stops recording. Idempotent. */
    @Override
    void close();
}
