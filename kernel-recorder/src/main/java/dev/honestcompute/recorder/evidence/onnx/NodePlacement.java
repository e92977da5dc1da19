package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.internal.Listing;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node executions one window is credited with, by operator and backend: reported as kernels {@code ort.<op>}, and
 * as a fallback when the test requested a GPU backend and nodes (some or all) ran on another.
 */
final class NodePlacement {

    static final String ALL_NODES_FELL_BACK = "ORT_ALL_NODES_FELL_BACK";
    static final String SOME_NODES_FELL_BACK = "ORT_SOME_NODES_FELL_BACK";
    private static final int LISTED = 6;

    /** One kernel: an operator on a backend, aggregated over nodes and sessions. */
    private static final class Kernel {
        long calls;
        final Set<String> providers = new LinkedHashSet<>();
        final Set<String> nodes = new LinkedHashSet<>();
        final Set<String> sessions = new LinkedHashSet<>();
    }

    /** Keyed by backend, then operator. */
    private final Map<String, Map<String, Kernel>> kernels = new TreeMap<>();

    void add(OrtProfile.NodeExecution n, String session) {
        String backend = ExecutionProviders.backend(n.provider());
        Kernel k = kernels.computeIfAbsent(backend, b -> new TreeMap<>()).computeIfAbsent(n.op(), op -> new Kernel());
        k.calls++;
        k.providers.add(n.provider());
        k.nodes.add(n.node());
        k.sessions.add(session);
    }

    void report(EvidenceSink sink, String requestedBackend) {
        kernels.forEach((backend, ops) -> ops.forEach((op, k) -> sink.kernel("ort." + op, backend, k.calls, 0,
                String.join(", ", k.providers) + "; nodes " + Listing.of(k.nodes, LISTED) + "; "
                        + String.join(", ", k.sessions))));
        String requested = requestedBackend == null ? "" : requestedBackend.trim().toLowerCase(Locale.ROOT);
        if (Backend.isGpu(requested)) {
            fallback(sink, requested);
        }
    }

    private void fallback(EvidenceSink sink, String requested) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> off = new LinkedHashSet<>();
        Set<String> offProviders = new LinkedHashSet<>();
        Map<String, Long> offCalls = new TreeMap<>();
        kernels.forEach((backend, ops) -> ops.values().forEach(k -> {
            all.addAll(k.nodes);
            if (!ExecutionProviders.satisfies(backend, requested)) {
                off.addAll(k.nodes);
                offProviders.addAll(k.providers);
                offCalls.merge(backend, k.calls, Long::sum);
            }
        }));
        if (off.isEmpty()) {
            return;
        }
        String effective = offCalls.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        sink.fallback(requested, effective, off.size() == all.size() ? ALL_NODES_FELL_BACK : SOME_NODES_FELL_BACK,
                off.size() + " of " + all.size() + " ONNX Runtime nodes ran on " + String.join(", ", offProviders)
                        + " instead of " + requested + ": " + Listing.of(off, LISTED));
    }
}
