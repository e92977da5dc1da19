package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Fallback;

import java.util.List;

/**
 * What one window observed, as raw data for the public API to present ({@code KernelWindow.observations()}). Built
 * only from the recorder's own state; a {@code Snapshot} made elsewhere cannot reach a receipt, because the public
 * API turns into observations only the snapshot of its own window.
 *
 * @param totals per kernel index {@code k}, at {@code (k + 1) * STRIDE}: calls, failed calls, nanos, timed calls
 * @param defs   the kernel definitions by index (at least as many as {@code totals} covers)
 */
public record Snapshot(String owner, boolean production, boolean detached, boolean closed, long[] totals,
                       Object[] defs, List<Fallback> fallbacks, List<String> leaks, List<String> forgeries,
                       List<String> unavailable, List<String> evidence, List<dev.honestcompute.recorder.EngineFact> facts,
                       java.util.Map<String, Long> engineCalls,
                       boolean recorderActive, long backgroundCalls, String propagation) {

    /** Number of kernel definitions. */
    public int kernelCount() {
        return defs.length;
    }

    private Registry.Def def(int k) {
        return (Registry.Def) defs[k];
    }

    public String id(int k) {
        return def(k).id();
    }

    public String backend(int k) {
        return def(k).backend();
    }

    public List<String> requires(int k) {
        return def(k).requires();
    }

    /** Who observed it: {@code agent} or an evidence source's name. */
    public String source(int k) {
        return def(k).source();
    }

    /** How it was observed: an {@code EvidenceKind}'s JSON name. */
    public String kind(int k) {
        return def(k).kind().jsonName();
    }

    /** Why the declared backend is not backed by evidence, or {@code ""}. */
    public String unverified(int k) {
        return def(k).unverified();
    }

    /** Whether kernel {@code k} is the recorder's own canary (never shown). */
    public boolean isCanary(int k) {
        return k == Registry.CANARY;
    }

    private long at(int k, int field) {
        int i = (k + 1) * Registry.STRIDE + field;
        return i < totals.length ? totals[i] : 0;
    }

    public long calls(int k) {
        return at(k, 0);
    }

    public long failedCalls(int k) {
        return at(k, 1);
    }

    public long nanos(int k) {
        return at(k, 2);
    }

    public long timedCalls(int k) {
        return at(k, 3);
    }

    /** Whether timing is on in this JVM. */
    public static boolean timing() {
        return Recording.TIMING;
    }
}
