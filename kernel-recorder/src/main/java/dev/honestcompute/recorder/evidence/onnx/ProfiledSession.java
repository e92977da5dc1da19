package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.internal.OwnDirectory;
import dev.honestcompute.recorder.evidence.internal.Reflection;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;

/**
 * What the integration knows about one {@code OrtSession}: whether and for which window it is profiled, how often it
 * ran (and how often outside that window), and, once read, its profile or why it could not be read.
 *
 * <p>ONNX Runtime profiles a session from its creation until {@code endProfiling()}, once: profiling cannot be
 * switched on for a session that exists, and after {@code endProfiling()} it stays off for the session's life. So a
 * session is profiled only when it is created inside a recording window, for that window alone; its profile is read
 * when that window closes or when the session is closed, whichever comes first.
 */
final class ProfiledSession {

    /** How the session came to be (not) profiled. */
    enum Origin {
        /** Created inside a window with the integration's profiling on. */
        PROFILED,
        /** Created while no window was open on the creating thread (or several, none of them its own). */
        OUTSIDE_WINDOW,
        /** Created with the caller's own {@code SessionOptions.enableProfiling}. */
        CALLER_PROFILED,
        /** Created inside a window, but switching profiling on failed. */
        PROFILING_FAILED,
        /** First seen when it ran: created before the recorder hooked ONNX Runtime. */
        UNSEEN_AT_CREATION
    }

    final long number;
    final Origin origin;
    final OrtWindow window;
    final String windowOwner;
    private final WeakReference<Object> session;
    private final String prefix;
    private final String originProblem;
    private long runs;
    private long runsOutsideWindow;
    private boolean read;
    private OrtProfile profile;
    private String problem;
    private String readBy;

    ProfiledSession(long number, Object session, Origin origin, OrtWindow window, String prefix,
                    String originProblem) {
        this.number = number;
        this.session = new WeakReference<>(session);
        this.origin = origin;
        this.window = window;
        this.windowOwner = window == null ? null : window.owner();
        this.prefix = prefix;
        this.originProblem = originProblem;
    }

    synchronized void ran(OrtWindow in) {
        runs++;
        if (origin == Origin.PROFILED && in != window) {
            runsOutsideWindow++;
        }
    }

    synchronized long runs() {
        return runs;
    }

    synchronized long runsOutsideWindow() {
        return runsOutsideWindow;
    }

    /** Whether the profile was read (or found unreadable) already. */
    synchronized boolean isRead() {
        return read;
    }

    /** The window owner whose close or session close read the profile, or null. */
    synchronized String readBy() {
        return readBy;
    }

    synchronized OrtProfile profile() {
        return profile;
    }

    /** Why there is no profile (or why it is incomplete evidence), or null. */
    synchronized String problem() {
        return problem != null ? problem : originProblem;
    }

    /**
     * Ends the session's profiling, reads the profile from the integration's directory and deletes it. Idempotent;
     * {@code when} says who asked ("window 'x' closed", "session closed").
     */
    synchronized void endAndRead(OwnDirectory directory, String when) {
        if (read || origin != Origin.PROFILED) {
            return;
        }
        read = true;
        readBy = when;
        Object s = session.get();
        try {
            if (s == null) {
                problem = "session #" + number + " was garbage-collected before its profile could be read";
                return;
            }
            if (Boolean.TRUE.equals(Reflection.field(s, "closed"))) {
                problem = "session #" + number + " was closed before its profile could be read (OrtSession.close is"
                        + " not hooked by the recorder agent)";
                return;
            }
            Object file = Reflection.call(s, "endProfiling");
            if (!(file instanceof String) || ((String) file).isEmpty()) {
                problem = "OrtSession.endProfiling() of session #" + number + " returned no file: its profiling had"
                        + " already been ended by other code";
                return;
            }
            Path path = Path.of((String) file);
            if (!directory.contains(path)) {
                problem = "session #" + number + " wrote its profile to " + path + ", outside the integration's own"
                        + " directory (its profiling was redirected); the file is not read";
                return;
            }
            profile = OrtProfileReader.read(path);
        } catch (IOException e) {
            problem = "the profile of session #" + number + " could not be read: " + e.getMessage();
        } catch (Exception | LinkageError e) {
            problem = "ending the profile of session #" + number + " failed: " + Reflection.describe(e);
        } finally {
            directory.deleteStartingWith(prefix + "_"); // ONNX Runtime names the file <prefix>_<timestamp>.json
        }
    }

    /** Deletes what ONNX Runtime may have created for a session whose creation failed. */
    void discard(OwnDirectory directory) {
        if (prefix != null) {
            directory.deleteStartingWith(prefix + "_"); // ONNX Runtime names the file <prefix>_<timestamp>.json
        }
    }

    @Override
    public String toString() {
        return "session #" + number;
    }
}
