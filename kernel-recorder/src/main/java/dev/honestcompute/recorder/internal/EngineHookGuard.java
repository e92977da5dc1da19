package dev.honestcompute.recorder.internal;

/**
 * The check at the top of every engine hook ({@code OnnxRuntimeHooks}, {@code LlamaCppHooks}, {@code JlamaHooks}):
 * the hooks are public only because the engines' probed classes call them, and a call from anywhere else (a test
 * calling {@code JlamaHooks.providerChosen(fake)} to claim a provider, directly or by reflection) is refused and
 * recorded as a forgery in the window the calling work belongs to. Not API.
 */
public final class EngineHookGuard {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private EngineHookGuard() {
    }

    /**
     * {@link #calledByProbe}, for a hook at an engine's entry point that computes ({@code OrtSession.run},
     * {@code LlamaModel.complete}, Jlama's {@code forward}): when the probe called it, the call is also counted as an
     * observed engine call ({@code KernelObservations.engineCalls()}) in the window the calling work belongs to and its
     * enclosing windows (up to a reference window), named after the probed method.
     */
    public static boolean engineRan(String hook) {
        StackWalker.StackFrame frame = WALKER.walk(frames -> frames.skip(2).findFirst().orElse(null));
        Class<?> caller = frame == null ? null : frame.getDeclaringClass();
        if (EngineProbes.isProbed(caller)) {
            Recording.engineCall(caller.getName() + "." + frame.getMethodName());
            return true;
        }
        Forgeries.refused(caller, "the engine hook " + hook, "engine hooks are called only by the probes the "
                + "recorder agent adds to the engine's own classes");
        return false;
    }

    /**
     * Whether the hook calling this was called by one of the recorder's engine probes.
     *
     * @param hook the hook, for the forgery's message, e.g. {@code "OnnxRuntimeHooks.sessionCreated"}
     */
    public static boolean calledByProbe(String hook) {
        // frame 0: this method, 1: the hook, 2: its caller
        Class<?> caller = WALKER.walk(frames -> frames.skip(2).findFirst()
                .map(StackWalker.StackFrame::getDeclaringClass).orElse(null));
        if (EngineProbes.isProbed(caller)) {
            return true;
        }
        Forgeries.refused(caller, "the engine hook " + hook, "engine hooks are called only by the probes the "
                + "recorder agent adds to the engine's own classes");
        return false;
    }
}
