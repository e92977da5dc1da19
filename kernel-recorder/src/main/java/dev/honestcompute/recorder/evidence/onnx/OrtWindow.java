package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.internal.OwnDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ONNX Runtime integration saw during one recording window: the sessions created in it (profiled for it)
 * and the sessions that ran in it. At close it reports every profiled node execution as a kernel
 * ({@code ort.<op>} on the provider's backend), a fallback when the test requested a GPU backend and nodes ran
 * elsewhere, and, for every session that ran but cannot be credited, why.
 */
final class OrtWindow {

    /** What {@code unavailable} reports are about. */
    static final String PLACEMENT = "onnxruntime node placement";
    static final String COMPLETE_PROFILE = "complete onnxruntime node profile";

    private final EvidenceSource.Window window;
    private final List<ProfiledSession> created = new ArrayList<>();
    private final Map<ProfiledSession, Long> ran = new LinkedHashMap<>();

    OrtWindow(EvidenceSource.Window window) {
        this.window = window;
    }

    String owner() {
        return window.owner();
    }

    synchronized void created(ProfiledSession session) {
        created.add(session);
    }

    synchronized void ran(ProfiledSession session) {
        ran.merge(session, 1L, Long::sum);
    }

    void report(EvidenceSink sink, OwnDirectory directory) {
        Set<ProfiledSession> seen = new LinkedHashSet<>();
        Map<ProfiledSession, Long> runsHere;
        synchronized (this) {
            seen.addAll(created);
            seen.addAll(ran.keySet());
            runsHere = new LinkedHashMap<>(ran);
        }
        NodePlacement placement = new NodePlacement();
        long profiledRuns = 0;
        for (ProfiledSession s : seen) {
            if (s.origin == ProfiledSession.Origin.PROFILED && s.window == this) {
                s.endAndRead(directory, "window '" + owner() + "' closed");
                OrtProfile profile = credit(s, sink);
                if (profile != null) {
                    profiledRuns += profile.modelRuns();
                    for (OrtProfile.NodeExecution n : profile.nodes()) {
                        placement.add(n, s.toString());
                    }
                }
            } else if (runsHere.getOrDefault(s, 0L) > 0) {
                sink.unavailable(PLACEMENT, notCredited(s, runsHere.get(s)));
            }
        }
        placement.report(sink, window.requestedBackend());
        if (profiledRuns > 0) {
            sink.fact("onnxruntime.profiled_runs", Long.toString(profiledRuns));
        }
    }

    /** The profile of a session profiled for this window, or null (with the reason reported) when it cannot count. */
    private OrtProfile credit(ProfiledSession s, EvidenceSink sink) {
        if (s.problem() != null) {
            sink.unavailable(PLACEMENT, s.problem());
            return null;
        }
        long outside = s.runsOutsideWindow();
        if (outside > 0) {
            sink.unavailable(PLACEMENT, s + " was profiled for window '" + owner() + "' but " + outside + " of its "
                    + s.runs() + " runs came from other windows or from threads of no window; one profile cannot be"
                    + " split by window, so none of its nodes are credited (create a session per test)");
            return null;
        }
        OrtProfile profile = s.profile();
        if (profile.modelRuns() > s.runs()) {
            sink.unavailable(PLACEMENT, "the profile of " + s + " shows " + profile.modelRuns() + " runs but the"
                    + " recorder saw " + s.runs() + " OrtSession.run calls (OrtSession.run is not hooked?); runs it did"
                    + " not see cannot be attributed, so none of its nodes are credited");
            return null;
        }
        if (profile.modelRuns() < s.runs()) {
            sink.unavailable(COMPLETE_PROFILE, s + " ran " + s.runs() + " times but its profile holds "
                    + profile.modelRuns() + " runs (ONNX Runtime stops recording at 1,000,000 events); the nodes of"
                    + " the runs it dropped are not credited");
        }
        return profile;
    }

    private String notCredited(ProfiledSession s, long runs) {
        String ran = s + " ran " + runs + (runs == 1 ? " time" : " times") + " in this window but ";
        switch (s.origin) {
            case OUTSIDE_WINDOW:
                return ran + "was created outside a recording window, so ONNX Runtime did not profile it (profiling"
                        + " can only be switched on when a session is created): create the session inside the test";
            case CALLER_PROFILED:
                return ran + "was created with the caller's own SessionOptions.enableProfiling; the integration does"
                        + " not take over a profile the caller owns: remove that call to have the session's nodes"
                        + " recorded";
            case PROFILING_FAILED:
                return ran + "could not be profiled: " + s.problem();
            case UNSEEN_AT_CREATION:
                return ran + "was created before the recorder agent hooked ONNX Runtime (OrtEnvironment"
                        + ".createSession), so it is not profiled";
            default:
                return ran + "was created in window '" + s.windowOwner + "', which it is profiled for"
                        + (s.isRead() ? "; its profile was read when " + s.readBy() + ", and ONNX Runtime profiles a"
                        + " session only once" : ", and that window is still open") + ": create a session per test";
        }
    }
}
