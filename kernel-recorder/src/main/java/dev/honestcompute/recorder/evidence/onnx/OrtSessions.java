package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.internal.OpenWindows;
import dev.honestcompute.recorder.evidence.internal.OwnDirectory;
import dev.honestcompute.recorder.evidence.internal.Reflection;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions and windows the ONNX Runtime integration tracks, driven by {@link OnnxRuntimeHooks}. Sessions and
 * session options are held weakly; neither class overrides {@code equals}, so the maps are identity maps.
 */
final class OrtSessions {

    static final OrtSessions INSTANCE = new OrtSessions();

    final OpenWindows<OrtWindow> windows = new OpenWindows<>();
    final OwnDirectory directory = new OwnDirectory("honestcompute-onnxruntime-");

    private final Map<Object, ProfiledSession> sessions = new WeakHashMap<>();
    private final Set<Object> callerProfiled = Collections.newSetFromMap(new WeakHashMap<>());
    private final ThreadLocal<Pending> creating = new ThreadLocal<>();
    private final ThreadLocal<Boolean> ownCall = new ThreadLocal<>();
    private final AtomicLong numbers = new AtomicLong();

    /** A session creation between its entry and exit hooks, on one thread. */
    private record Pending(Object options, OrtWindow window, ProfiledSession.Origin origin, long number,
                           String prefix, String problem) {
    }

    void beforeCreate(Object options) {
        OrtWindow window = windows.attributable();
        if (window == null || options == null) {
            creating.set(new Pending(options, null, ProfiledSession.Origin.OUTSIDE_WINDOW, 0, null, null));
            return;
        }
        synchronized (this) {
            if (callerProfiled.contains(options)) {
                creating.set(new Pending(options, window, ProfiledSession.Origin.CALLER_PROFILED, 0, null, null));
                return;
            }
        }
        long number = numbers.incrementAndGet();
        String prefix = "s" + number;
        try {
            String path = directory.path().resolve(prefix).toString();
            ownCall.set(Boolean.TRUE);
            try {
                Reflection.call(options, "enableProfiling", new Class<?>[] {String.class}, path);
            } finally {
                ownCall.remove();
            }
            creating.set(new Pending(options, window, ProfiledSession.Origin.PROFILED, number, prefix, null));
        } catch (Exception | LinkageError e) {
            creating.set(new Pending(options, window, ProfiledSession.Origin.PROFILING_FAILED, number, prefix,
                    "switching on ONNX Runtime profiling for a session created in window '" + window.owner()
                            + "' failed: " + Reflection.describe(e)));
        }
    }

    void created(Object options, Object session) {
        Pending p = takePending(options);
        if (session == null) {
            return;
        }
        long number = p.number() > 0 ? p.number() : numbers.incrementAndGet();
        ProfiledSession record = new ProfiledSession(number, session, p.origin(), p.window(), p.prefix(),
                p.problem());
        synchronized (this) {
            sessions.put(session, record);
        }
        if (p.window() != null) {
            p.window().created(record);
        }
    }

    void creationFailed(Object options) {
        Pending p = takePending(options);
        if (p.prefix() != null) {
            directory.deleteStartingWith(p.prefix() + "_");
        }
    }

    void beforeRun(Object session) {
        if (session == null) {
            return;
        }
        ProfiledSession record;
        synchronized (this) {
            record = sessions.get(session);
            if (record == null) {
                record = new ProfiledSession(numbers.incrementAndGet(), session,
                        ProfiledSession.Origin.UNSEEN_AT_CREATION, null, null, null);
                sessions.put(session, record);
            }
        }
        // a run from a window nested in the session's own (a parity harness's engine window) is the owner's
        OrtWindow window = windows.owningOrAttributable(record.window);
        record.ran(window);
        if (window != null) {
            window.ran(record);
        }
    }

    void beforeClose(Object session) {
        ProfiledSession record;
        synchronized (this) {
            record = session == null ? null : sessions.get(session);
        }
        if (record != null) {
            record.endAndRead(directory, "the session was closed");
        }
    }

    void callerEnablesProfiling(Object options) {
        if (ownCall.get() == null && options != null) {
            synchronized (this) {
                callerProfiled.add(options);
            }
        }
    }

    void callerDisablesProfiling(Object options) {
        if (ownCall.get() == null && options != null) {
            synchronized (this) {
                callerProfiled.remove(options);
            }
        }
    }

    /** Clears the entry hook's state and gives the options back as they were (profiling off again). */
    private Pending takePending(Object options) {
        Pending p = creating.get();
        creating.remove();
        if (p == null || p.options() != options) {
            return new Pending(options, null, ProfiledSession.Origin.UNSEEN_AT_CREATION, 0, null, null);
        }
        if (p.origin() == ProfiledSession.Origin.PROFILED) {
            ownCall.set(Boolean.TRUE);
            try {
                Reflection.call(options, "disableProfiling");
            } catch (Exception | LinkageError e) {
                // the session is profiled either way; options left on only profile later sessions into our directory
            } finally {
                ownCall.remove();
            }
        }
        return p;
    }
}
