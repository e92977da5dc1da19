package dev.honestcompute.recorder;

/**
 * A recording window: a context that kernel calls are attributed to while it is open — on the thread that opened it
 * and in the work that thread causes (threads it starts, tasks it submits to executors and ForkJoin pools, parallel
 * streams, {@code CompletableFuture}s). Windows nest: a call counts in every enclosing window. Close it to get what it
 * observed.
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

    /** Whether mock compute reached in this window is a leak (its own flag, or an enclosing window's). */
    boolean production();

    /** A snapshot of what was observed so far (the final one after {@link #close()}). */
    KernelObservations observations();

    /** Stops recording. Idempotent. */
    @Override
    void close();
}
