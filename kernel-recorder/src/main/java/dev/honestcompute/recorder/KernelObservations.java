package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one recording window observed. Produced only by the recorder from its own state: there is no public
 * constructor and no way to add a kernel. Get it from {@link KernelWindow#observations()}.
 */
public final class KernelObservations {

    private final String owner;
    private final boolean production;
    private final boolean closed;
    private final List<KernelStats> kernels;
    private final List<Fallback> fallbacks;
    private final boolean recorderActive;
    private final long backgroundCalls;
    private final List<String> mockLeaks;
    private final List<String> forgeries;
    private final List<String> unavailableEvidence;
    private final List<String> evidenceNotes;
    private final List<EngineFact> engineFacts;
    private final java.util.Map<String, Long> engineCalls;
    private final String propagation;

    KernelObservations(Snapshot s) {
        this.owner = s.owner();
        this.production = s.production();
        this.closed = s.closed();
        boolean withTime = Snapshot.timing();
        List<KernelStats> stats = new ArrayList<>();
        for (int k = 0; k < s.kernelCount(); k++) {
            if (s.isCanary(k)) {
                continue;
            }
            long calls = s.calls(k);
            long failed = s.failedCalls(k);
            if (calls + failed == 0) {
                continue;
            }
            boolean timed = withTime && (s.kind(k).equals("instrumentation") || s.kind(k).equals("driver"));
            stats.add(new KernelStats(s.id(k), s.backend(k), calls, failed, timed ? s.nanos(k) : -1, s.requires(k),
                    timed ? s.timedCalls(k) : 0, s.source(k), s.kind(k), s.unverified(k)));
        }
        stats.sort(Comparator.comparing(KernelStats::id).thenComparing(KernelStats::backend)
                .thenComparing(k -> String.join(",", k.requires())).thenComparing(KernelStats::source)
                .thenComparing(KernelStats::unverified));
        this.kernels = List.copyOf(stats);
        this.fallbacks = List.copyOf(s.fallbacks());
        this.recorderActive = s.recorderActive();
        this.backgroundCalls = s.backgroundCalls();
        this.mockLeaks = List.copyOf(s.leaks());
        this.forgeries = List.copyOf(s.forgeries());
        this.unavailableEvidence = List.copyOf(s.unavailable());
        this.evidenceNotes = List.copyOf(s.evidence());
        this.engineFacts = List.copyOf(s.facts());
        this.engineCalls = java.util.Map.copyOf(s.engineCalls());
        this.propagation = s.propagation();
    }

    /** The window's owner, e.g. a test's unique id. */
    public String owner() {
        return owner;
    }

    /** Whether the window was a production window (its own flag or an enclosing window's). */
    public boolean production() {
        return production;
    }

    /** Whether the window was closed when this was taken (its observations are then final). */
    public boolean closed() {
        return closed;
    }

    /** Kernels that ran (or failed) inside the window, sorted by id. */
    public List<KernelStats> kernels() {
        return kernels;
    }

    /** Downgrades engines or evidence sources reported inside the window, in order. */
    public List<Fallback> fallbacks() {
        return fallbacks;
    }

    /** Whether the recorder agent was installed and its canary seen while the window was open. */
    public boolean recorderActive() {
        return recorderActive;
    }

    /**
     * Kernel calls made anywhere in the JVM, while this window was open, by work no window's context reached
     * (threads and tasks started outside every window). Never credited to any window; reported.
     */
    public long backgroundCalls() {
        return backgroundCalls;
    }

    /** Mock compute reached inside the window (or on a thread no window reaches, while it was open), one line each. */
    public List<String> mockLeaks() {
        return mockLeaks;
    }

    /** Code that tried to forge evidence and was loaded or ran inside the window, one line each. */
    public List<String> forgeries() {
        return forgeries;
    }

    /** Evidence a source should have given but could not, one line each (e.g. no GPU on this host). */
    public List<String> unavailableEvidence() {
        return unavailableEvidence;
    }

    /**
     * Calls of third-party engines' own entry points the recorder's probes saw run in the window (e.g.
     * {@code ai.onnxruntime.OrtSession.run: 2}), by probed method: instrumentation of engine code that executed, but
     * not kernels (what ran inside is the engine's profiler's or log's to say, in {@link #kernels()}).
     */
    public java.util.Map<String, Long> engineCalls() {
        return new java.util.TreeMap<>(engineCalls);
    }

    /** Total of {@link #engineCalls()}. */
    public long totalEngineCalls() {
        return engineCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What engines' own evidence stated about their configuration (never compute that ran), in order. */
    public List<EngineFact> engineFacts() {
        return engineFacts;
    }

    /** What evidence sources said about the kernels they reported, for people. */
    public List<String> evidenceNotes() {
        return evidenceNotes;
    }

    /** How window context reached other threads in this JVM (full, partial after a late attach, or off). */
    public String propagation() {
        return propagation;
    }

    /** Whether any kernel call returned normally inside the window. */
    public boolean anyKernelRan() {
        return kernels.stream().anyMatch(k -> k.calls() > 0);
    }

    /** Calls that returned normally, over all kernels. */
    public long totalCalls() {
        return kernels.stream().mapToLong(KernelStats::calls).sum();
    }

    /** Calls that failed, over all kernels. */
    public long totalFailedCalls() {
        return kernels.stream().mapToLong(KernelStats::failedCalls).sum();
    }

    @Override
    public String toString() {
        return "KernelObservations[" + owner + ", kernels=" + kernels + ", fallbacks=" + fallbacks + ", active="
                + recorderActive + ", background=" + backgroundCalls + ", leaks=" + mockLeaks.size() + ", forgeries="
                + forgeries.size() + "]";
    }
}
