package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.internal.EngineHookGuard;

/**
 * What the recorder agent calls from ONNX Runtime's Java API ({@code ai.onnxruntime}, 1.29) so that sessions created
 * inside recording windows are profiled. Every method takes the engine's objects as {@code Object} (the recorder does
 * not link against ONNX Runtime) and never throws into the engine. Which method calls which:
 *
 * <table>
 *   <caption>hooks</caption>
 *   <tr><th>class</th><th>method</th><th>when</th><th>hook</th></tr>
 *   <tr><td>{@code ai.onnxruntime.OrtEnvironment}</td>
 *       <td>{@code createSession(Ljava/lang/String;Lai/onnxruntime/OrtAllocator;Lai/onnxruntime/OrtSession$SessionOptions;)},
 *       the same with {@code [B} and {@code Ljava/nio/ByteBuffer;} as first parameter (package-private; every public
 *       overload ends here)</td>
 *       <td>entry; exit returned; exit thrown</td>
 *       <td>{@link #beforeCreateSession}(arg 2); {@link #sessionCreated}(arg 2, returned value);
 *       {@link #sessionCreationFailed}(arg 2)</td></tr>
 *   <tr><td>{@code ai.onnxruntime.OrtSession}</td>
 *       <td>{@code run(Ljava/util/Map;Ljava/util/Set;Ljava/util/Map;Lai/onnxruntime/OrtSession$RunOptions;)} (every
 *       public overload ends here)</td><td>entry</td><td>{@link #beforeRun}(this)</td></tr>
 *   <tr><td>{@code ai.onnxruntime.OrtSession}</td><td>{@code close()V}</td><td>entry</td>
 *       <td>{@link #beforeClose}(this)</td></tr>
 *   <tr><td>{@code ai.onnxruntime.OrtSession$SessionOptions}</td><td>{@code enableProfiling(Ljava/lang/String;)V}</td>
 *       <td>entry</td><td>{@link #callerEnablesProfiling}(this)</td></tr>
 *   <tr><td>{@code ai.onnxruntime.OrtSession$SessionOptions}</td><td>{@code disableProfiling()V}</td>
 *       <td>entry</td><td>{@link #callerDisablesProfiling}(this)</td></tr>
 * </table>
 */
public final class OnnxRuntimeHooks {

    private OnnxRuntimeHooks() {
    }

    /** Before a session is created: inside a window, switches profiling on in the options (into our directory). */
    public static void beforeCreateSession(Object sessionOptions) {
        if (EngineHookGuard.calledByProbe("OnnxRuntimeHooks.beforeCreateSession")) {
            beforeCreateSessionDirect(sessionOptions);
        }
    }

    /** {@link #beforeCreateSession} without the caller check, for this package's tests. */
    static void beforeCreateSessionDirect(Object sessionOptions) {
        try {
            OrtSessions.INSTANCE.beforeCreate(sessionOptions);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine; the session then counts as created outside a window
        }
    }

    /** After a session was created: registers it and switches the options' profiling off again. */
    public static void sessionCreated(Object sessionOptions, Object session) {
        if (EngineHookGuard.calledByProbe("OnnxRuntimeHooks.sessionCreated")) {
            sessionCreatedDirect(sessionOptions, session);
        }
    }

    /** {@link #sessionCreated} without the caller check, for this package's tests. */
    static void sessionCreatedDirect(Object sessionOptions, Object session) {
        try {
            OrtSessions.INSTANCE.created(sessionOptions, session);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** Session creation threw: switches the options' profiling off again and deletes what it left. */
    public static void sessionCreationFailed(Object sessionOptions) {
        if (EngineHookGuard.calledByProbe("OnnxRuntimeHooks.sessionCreationFailed")) {
            sessionCreationFailedDirect(sessionOptions);
        }
    }

    /** {@link #sessionCreationFailed} without the caller check, for this package's tests. */
    static void sessionCreationFailedDirect(Object sessionOptions) {
        try {
            OrtSessions.INSTANCE.creationFailed(sessionOptions);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** A session is about to run: counted for the window the call belongs to. */
    public static void beforeRun(Object session) {
        if (EngineHookGuard.engineRan("OnnxRuntimeHooks.beforeRun")) {
            beforeRunDirect(session);
        }
    }

    /** {@link #beforeRun} without the caller check, for this package's tests. */
    static void beforeRunDirect(Object session) {
        try {
            OrtSessions.INSTANCE.beforeRun(session);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** A session is about to be closed: its profile is read first (it is gone with the native session). */
    public static void beforeClose(Object session) {
        if (EngineHookGuard.calledByProbe("OnnxRuntimeHooks.beforeClose")) {
            beforeCloseDirect(session);
        }
    }

    /** {@link #beforeClose} without the caller check, for this package's tests. */
    static void beforeCloseDirect(Object session) {
        try {
            OrtSessions.INSTANCE.beforeClose(session);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** The caller switches profiling on itself: sessions of these options are theirs, not profiled by us. */
    public static void callerEnablesProfiling(Object sessionOptions) {
        if (EngineHookGuard.calledByProbe("OnnxRuntimeHooks.callerEnablesProfiling")) {
            callerEnablesProfilingDirect(sessionOptions);
        }
    }

    /** {@link #callerEnablesProfiling} without the caller check, for this package's tests. */
    static void callerEnablesProfilingDirect(Object sessionOptions) {
        try {
            OrtSessions.INSTANCE.callerEnablesProfiling(sessionOptions);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** The caller switches its profiling off again. */
    public static void callerDisablesProfiling(Object sessionOptions) {
        if (EngineHookGuard.calledByProbe("OnnxRuntimeHooks.callerDisablesProfiling")) {
            callerDisablesProfilingDirect(sessionOptions);
        }
    }

    /** {@link #callerDisablesProfiling} without the caller check, for this package's tests. */
    static void callerDisablesProfilingDirect(Object sessionOptions) {
        try {
            OrtSessions.INSTANCE.callerDisablesProfiling(sessionOptions);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }
}
