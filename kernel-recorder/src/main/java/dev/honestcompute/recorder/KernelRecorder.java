package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.Recording;

import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The recorder's public face: recording windows, fallback reports and the recorder's status.
 *
 * <p>Kernel calls reach a window only through the agent's instrumentation of code that really executed (or an
 * {@linkplain dev.honestcompute.recorder.evidence.EvidenceSource evidence source} reading an engine's own profiler or
 * log); there is deliberately no method here that adds a kernel.
 *
 * <p>Attribution follows causality. A call counts in a window when it runs on the thread that opened it, or in work
 * propagated from it: threads that thread starts, tasks it submits to an {@code ExecutorService} or a
 * {@code ForkJoinPool} (parallel streams and {@code CompletableFuture} included) — the agent carries the window's
 * context there, the way OpenTelemetry's agent does. Windows nest, and a call counts in every enclosing window.
 * Calls no window's context reaches are never credited to a test: windows report them as background calls.
 * {@link #wrap(Runnable)} carries a window by hand, for an engine's own queue-and-thread machinery the agent cannot
 * see (rarely needed).
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
     * Opens a recording window on the calling thread, nested in the window (if any) its work belongs to.
     *
     * @param owner      who the window is for, e.g. a test's unique id
     * @param production whether mock compute reached inside it is a leak; a window nested in a production window is
     *                   a production window whatever this says
     */
    public static KernelWindow openWindow(String owner, boolean production) {
        return window(owner).production(production).open();
    }

    /** A window with more settings than {@link #openWindow}. */
    public static WindowBuilder window(String owner) {
        return new WindowBuilder(owner);
    }

    /**
     * Settings of a window to open.
     *
     * <pre>{@code
     * try (KernelWindow w = KernelRecorder.window(uniqueId).production(true).testCode(MyTest.class)
     *         .requestedBackend("cuda").open()) { ... }
     * }</pre>
     */
    public static final class WindowBuilder {
        private final String owner;
        private boolean production;
        private boolean reference;
        private String testLocation = "";
        private String requestedBackend = "";
        private Class<?> testClass;
        private java.lang.reflect.Method testMethod;

        private WindowBuilder(String owner) {
            this.owner = owner;
        }

        /** Whether mock compute reached inside is a leak. */
        public WindowBuilder production(boolean value) {
            this.production = value;
            return this;
        }

        /**
         * A reference engine's window (a parity reference): its kernels are its own and never count as evidence of
         * the enclosing windows; its failed calls, mock leaks and forgeries still do.
         */
        public WindowBuilder reference() {
            this.reference = true;
            return this;
        }

        /**
         * The test class: Mockito mocks called from its code source (the test's own classes) are the test's
         * business; called from anywhere else inside a production window they are mock compute leaking.
         */
        public WindowBuilder testCode(Class<?> testClass) {
            Objects.requireNonNull(testClass, "testClass");
            CodeSource source = testClass.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            this.testLocation = url == null ? "" : url.toString();
            this.testClass = testClass;
            return this;
        }

        /**
         * The test method the window records: evidence sources read the test's requirements from its annotations
         * (method first, then its class), e.g. {@code @RequiresJlamaProvider(NATIVE_SIMD)}.
         */
        public WindowBuilder testMethod(java.lang.reflect.Method method) {
            this.testMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The backend the test asked for, e.g. {@code "cuda"}, for evidence sources that check it. */
        public WindowBuilder requestedBackend(String backend) {
            this.requestedBackend = backend == null ? "" : backend;
            return this;
        }

        /** Opens the window on the calling thread. */
        public KernelWindow open() {
            return new WindowHandle(owner, production, reference, testLocation, requestedBackend,
                    new java.lang.reflect.AnnotatedElement[] {testMethod, testClass != null ? testClass
                            : testMethod != null ? testMethod.getDeclaringClass() : null});
        }
    }

    /** Reports an honest downgrade from {@code requested} to {@code effective}; lands in the current window. */
    public static void fallback(String requested, String effective, String reasonCode) {
        fallback(requested, effective, reasonCode, "");
    }

    /** Reports an honest downgrade with a human-readable detail. */
    public static void fallback(String requested, String effective, String reasonCode, String detail) {
        Recording.fallback(new Fallback(require(requested, "requested"), require(effective, "effective"),
                require(reasonCode, "reasonCode"), detail == null ? "" : detail));
    }

    /**
     * Wraps {@code task} so that the kernel calls it makes, on whatever thread runs it, count in the window the calling
     * thread works for now. Rarely needed: executors, ForkJoin pools and new threads carry the window already. Without
     * a current window the task is returned as is.
     */
    public static Runnable wrap(Runnable task) {
        Object context = Recording.context();
        if (context == null) {
            return task;
        }
        return () -> Recording.runIn(context, task);
    }

    /** Like {@link #wrap(Runnable)} for a {@link Callable}. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        Object context = Recording.context();
        if (context == null) {
            return task;
        }
        return () -> {
            Object[] result = new Object[1];
            Exception[] failure = new Exception[1];
            Recording.runIn(context, () -> {
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

    /** How window context reaches other threads in this JVM: full, partial (after a late attach), or off. */
    public static String propagation() {
        return Recording.propagation();
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
