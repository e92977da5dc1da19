package dev.honestcompute.recorder;

/**
 * Thrown at once when a production recording window (a test whose receipt must be {@code real}) reaches mock
 * compute: a {@link MockCompute} class or method, a Mockito mock or spy of a type with kernel methods, or a class from
 * the configured mock packages ({@code -Dhonestcompute.mock.packages=com.example.fakes,...}).
 *
 * <p>An {@link Error}, so {@code catch (Exception e)} in engine code cannot hide it. The message names the mock and the
 * production frame that called it; the recorder's own frames are removed from the stack trace.
 */
public final class MockComputeLeakError extends Error {

    private static final long serialVersionUID = 1L;

    /** Creates the error; only the recorder throws it. */
    public MockComputeLeakError(String message) {
        super(message);
    }
}
