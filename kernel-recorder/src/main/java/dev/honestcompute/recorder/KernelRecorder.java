package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.Recording;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The recorder's public face: recording windows, fallback reports and the recorder's status.
 *
 * <p>Kernel calls reach a window only through the agent's instrumentation of code that really executed; there is
 * deliberately no method here that adds a kernel.
 *
 * <p>Attribution rules: a kernel call made on a thread that opened a window counts in that window. A call made on
 * another thread (an engine-owned pool) counts in the only open window when exactly one is open; when several
 * windows are open at once (parallel tests) it is not guessed: every open window reports it as an unattributed call.
 * Engines that own thread pools attribute their work exactly with {@link #wrap(Runnable)} / {@link #wrap(Executor)},
 * which carry the submitting thread's window to the pool thread for the duration of the task.
 *
 * <pre>{@code
 * if (!cudaAvailable) {
 *     KernelRecorder.fallback("cuda", "cpu-simd", "CUDA_DRIVER_MISSING");
 * }
 * }</pre>
 */
public final class KernelRecorder {

    private KernelRecorder() {
    }

    /**
     * Opens a recording window bound to the calling thread.
     *
     * @param owner      who the window is for, e.g. a test's unique id
     * @param production whether mock compute reached inside it is a leak
     */
    public static KernelWindow openWindow(String owner, boolean production) {
        return Recording.open(owner, production);
    }

    /** Reports an honest downgrade from {@code requested} to {@code effective}; lands in the open window's receipt. */
    public static void fallback(String requested, String effective, String reasonCode) {
        fallback(requested, effective, reasonCode, "");
    }

    /** Reports an honest downgrade with a human-readable detail. */
    public static void fallback(String requested, String effective, String reasonCode, String detail) {
        Recording.fallback(new Fallback(require(requested, "requested"), require(effective, "effective"),
                require(reasonCode, "reasonCode"), detail == null ? "" : detail));
    }

    /**
     * Wraps {@code task} so that kernel calls it makes on any thread count in the window bound to the calling thread
     * now (if any). Without an open window on the calling thread the task is returned as is.
     */
    public static Runnable wrap(Runnable task) {
        KernelWindow window = Recording.boundWindow();
        if (window == null) {
            return task;
        }
        return () -> Recording.runBound(window, task);
    }

    /** Like {@link #wrap(Runnable)} for a {@link Callable}. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        KernelWindow window = Recording.boundWindow();
        if (window == null) {
            return task;
        }
        return () -> {
            Object[] result = new Object[1];
            Exception[] failure = new Exception[1];
            Recording.runBound(window, () -> {
                try {
                    result[0] = task.call();
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        };
    }

    /** An executor that {@linkplain #wrap(Runnable) wraps} every task with the window of the submitting thread. */
    public static Executor wrap(Executor executor) {
        return command -> executor.execute(wrap(command));
    }

    /** Whether the recorder agent is installed and its canary was observed. */
    public static boolean isActive() {
        return Recording.isActive();
    }

    /**
     * The JVM argument that loads the recorder agent, for error messages. It names a docs section rather than a file
     * of this repository, which users of the published jars do not have.
     */
    public static String activationHint() {
        return "add to the Surefire/Failsafe <argLine>: " + RecorderAgent.argLineHelp() + ", with an empty <argLine/>"
                + " property so @{argLine} resolves; setup steps: section 'Agent setup' of the Honest Compute docs"
                + " (docs/README.md#agent-setup)";
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("KernelRecorder.fallback: '" + name + "' must be a non-blank string");
        }
        return value;
    }
}
