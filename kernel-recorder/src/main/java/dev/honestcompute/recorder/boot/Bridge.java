package dev.honestcompute.recorder.boot;

import java.lang.invoke.MethodHandles;

/**
 * The one class the recorder puts on the bootstrap class path, so that code it inserts into {@code java.base}
 * ({@code ForkJoinTask}, {@code FutureTask}, {@code ThreadPoolExecutor}, {@code AccessibleObject},
 * {@code MethodHandles}) can reach the recorder, which the boot loader cannot see. Every method is a no-op until the
 * agent {@linkplain #install installs} its hooks, which it does once, before any of that code can run.
 *
 * <p>Nothing here records a kernel: the hooks carry a recording window's context to the work it causes (context
 * propagation, as OpenTelemetry's agent does), and refuse reflective access to the recorder's private state.
 */
public final class Bridge {

    /** What the inserted code calls. Implemented by the agent. */
    public interface Hooks {
        /** The calling thread's recording context, to carry with work it creates; {@code null} when it has none. */
        Object capture();

        /** Makes {@code context} the calling thread's context; returns the previous one for {@link #leave}. */
        Object enter(Object context);

        /** Restores the context {@link #enter} returned. */
        void leave(Object previous);

        /** {@code command} as an executor should run it: carrying the submitting thread's context. */
        Runnable wrap(Runnable command);

        /**
         * Whether reflective access by {@code caller} to {@code member} of {@code declaringClass} is refused; throws
         * instead of returning {@code true} when {@code throwIfDenied}.
         */
        boolean denied(Object member, Class<?> caller, Class<?> declaringClass, boolean throwIfDenied);

        /** Throws when {@code caller} may not get a private lookup into {@code target}. */
        void privateLookup(Class<?> target, MethodHandles.Lookup caller) throws IllegalAccessException;

        /**
         * Throws a {@link SecurityException} when code other than Honest Compute's is about to write {@code target}
         * (a {@code java.nio.file.Path} or {@code java.io.File}) inside a receipts directory of a running test
         * session; {@code how} is the open options, a {@code RandomAccessFile} mode, or null for a plain write.
         */
        void checkWrite(Object target, Object how);
    }

    private static volatile Hooks hooks;

    private Bridge() {
    }

    /** Installs the agent's hooks; only the first call counts. Returns whether this call installed them. */
    public static synchronized boolean install(Hooks agentHooks) {
        if (hooks != null || agentHooks == null) {
            return false;
        }
        hooks = agentHooks;
        return true;
    }

    /** Whether hooks are installed. */
    public static boolean installed() {
        return hooks != null;
    }

    public static Object capture() {
        Hooks h = hooks;
        return h == null ? null : h.capture();
    }

    public static Object enter(Object context) {
        Hooks h = hooks;
        return h == null ? null : h.enter(context);
    }

    public static void leave(Object previous) {
        Hooks h = hooks;
        if (h != null) {
            h.leave(previous);
        }
    }

    public static Runnable wrap(Runnable command) {
        Hooks h = hooks;
        return h == null || command == null ? command : h.wrap(command);
    }

    public static boolean denied(Object member, Class<?> caller, Class<?> declaringClass, boolean throwIfDenied) {
        Hooks h = hooks;
        return h != null && h.denied(member, caller, declaringClass, throwIfDenied);
    }

    public static void privateLookup(Class<?> target, MethodHandles.Lookup caller) throws IllegalAccessException {
        Hooks h = hooks;
        if (h != null) {
            h.privateLookup(target, caller);
        }
    }

    public static void checkWrite(Object target, Object how) {
        Hooks h = hooks;
        if (h != null) {
            h.checkWrite(target, how);
        }
    }
}
