package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.evidence.EvidenceKind;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every kernel the recorder knows, by index. An index is handed out when the transformer plans a kernel method (or an
 * evidence source reports a kernel), before any call can be counted, so counting needs no lookup. Same definition,
 * same index: a retransformed class gets its old indexes back.
 */
final class Registry {

    /** Longs per kernel in a counter segment: calls, failed calls, nanos, timed calls. */
    static final int STRIDE = 4;
    /** Index reserved for the agent's canary; never shown in observations. */
    static final int CANARY = 0;
    static final String CANARY_ID = "honestcompute.recorder.canary";

    /**
     * One kernel definition.
     *
     * @param unverified why the declared backend is not backed by evidence ({@code ""} when it is): a {@code cuda}
     *                   kernel without an observed device launch, a {@code cpu-simd} kernel whose class uses neither
     *                   the Vector API nor a native call
     */
    record Def(String id, String backend, List<String> requires, String source, EvidenceKind kind, String unverified) {
    }

    private static final Object LOCK = new Object();
    private static volatile Def[] defs = {
        new Def(CANARY_ID, "cpu", List.of(), "agent", EvidenceKind.INSTRUMENTATION, "")};
    private static final Map<String, Integer> BY_KEY = new HashMap<>();

    static {
        BY_KEY.put(key(defs[0]), CANARY);
    }

    private Registry() {
    }

    /** A kernel found by the agent's instrumentation. */
    static int instrumented(String id, String backend, List<String> requires, String unverified) {
        return register(id, backend, requires, "agent", EvidenceKind.INSTRUMENTATION, unverified);
    }

    /** A launch seen at a GPU driver boundary. */
    static int driver(String id, String backend) {
        return register(id, backend, List.of(), "agent", EvidenceKind.DRIVER, "");
    }

    /**
     * Registers a kernel; returns its stable index. Two definitions that differ in requirements, source or
     * verification get separate indexes, so a receipt shows exactly the variant that ran.
     */
    static int register(String id, String backend, List<String> requires, String source, EvidenceKind kind,
                        String unverified) {
        if (id == null || id.isBlank() || backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("kernel id and backend must be non-blank, got id='" + id
                    + "' backend='" + backend + "'");
        }
        if (id.equals(CANARY_ID)) {
            throw new IllegalArgumentException("kernel id '" + CANARY_ID + "' is reserved for the recorder's canary");
        }
        Def def = new Def(id, backend, cpuFeatures(id, requires), source, kind, unverified == null ? "" : unverified);
        String key = key(def);
        synchronized (LOCK) {
            Integer existing = BY_KEY.get(key);
            if (existing != null) {
                return existing;
            }
            Def[] old = defs;
            Def[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = def;
            defs = grown;
            BY_KEY.put(key, old.length);
            return old.length;
        }
    }

    private static String key(Def d) {
        return String.join("\u0000", d.id(), d.backend(), String.join(",", d.requires()), d.source(),
                d.kind().name(), d.unverified());
    }

    /** Declared CPU features as receipts carry them: trimmed, lower case, sorted, no duplicates; blanks rejected. */
    static List<String> cpuFeatures(String id, List<String> requires) {
        if (requires == null || requires.isEmpty()) {
            return List.of();
        }
        TreeSet<String> out = new TreeSet<>();
        for (String r : requires) {
            if (r == null || r.isBlank()) {
                throw new IllegalArgumentException("kernel '" + id + "' declares a blank required CPU feature in "
                        + requires + "; name features as /proc/cpuinfo does, e.g. \"avx2\", or remove the entry");
            }
            out.add(r.trim().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    static Def def(int index) {
        return defs[index];
    }

    static Def[] all() {
        return defs;
    }

    /** Longs a counter segment needs for the kernels known now, with room for a few more. */
    static int segmentLength() {
        return (defs.length + 1 + 32) * STRIDE;
    }
}
