package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Fallback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One recording window: a context that the work it causes carries (its thread, threads it starts, tasks it submits).
 * Counts arrive in per-thread segments and are summed exactly when the window closes; a nested window's counts are
 * added to every enclosing window when it closes, so one call is one increment however deep the nesting. A
 * <em>detached</em> window (a reference engine's) keeps its executed calls to itself; its failed calls, mock leaks and
 * forgeries still count in every enclosing window. Nothing opened inside a production window weakens it.
 */
final class Node {

    private static final AtomicLong IDS = new AtomicLong();
    private static final int MAX_NOTES = 256;

    final long id = IDS.incrementAndGet();
    final String owner;
    /** Effective: this window's own flag, or any enclosing window's. */
    final boolean production;
    final boolean detached;
    final Node parent;
    /** Capability: only the holder may close the window. */
    private final Object key;
    /** The opening thread's context before this window, restored when it closes there. */
    final Node previousOnOpener;
    final Slot openerSlot;
    /** Code source of the test class ("" when unknown): Mockito calls from there are the test's own. */
    final String testLocation;
    /** The backend the test asked for ({@code ""} when none), for evidence sources. */
    final String requestedBackend;
    /** The test's method and class (entries may be null), whose annotations evidence sources read. */
    volatile java.lang.reflect.AnnotatedElement[] test = new java.lang.reflect.AnnotatedElement[0];
    final boolean activeAtOpen;
    private final long backgroundAtOpen;
    final String propagation;

    private final List<long[]> segments = new ArrayList<>();
    private final List<Node> openChildren = new ArrayList<>();
    private long[] fromChildren = new long[0];
    private long[] fromSources = new long[0];
    final List<Fallback> fallbacks = new CopyOnWriteArrayList<>();
    final List<String> leaks = new CopyOnWriteArrayList<>();
    final List<String> forgeries = new CopyOnWriteArrayList<>();
    final List<String> unavailable = new CopyOnWriteArrayList<>();
    /** What evidence sources said about the kernels they reported, for people. */
    final List<String> evidence = new CopyOnWriteArrayList<>();
    final List<dev.honestcompute.recorder.EngineFact> facts = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> engineCalls =
            new java.util.concurrent.ConcurrentHashMap<>();
    private List<EvidenceSources.Open> captures = List.of();

    volatile boolean closed;
    private long[] totals;
    private long backgroundCalls = -1;

    Node(String owner, boolean production, boolean detached, Node parent, Object key, Slot openerSlot,
         String testLocation, String requestedBackend, boolean active, long backgroundAtOpen, String propagation) {
        this.owner = owner;
        this.production = production || (parent != null && parent.production);
        this.detached = detached;
        this.parent = parent;
        this.key = key;
        this.openerSlot = openerSlot;
        this.previousOnOpener = openerSlot == null ? null : openerSlot.node;
        this.testLocation = testLocation == null ? "" : testLocation;
        this.requestedBackend = requestedBackend == null ? "" : requestedBackend;
        this.activeAtOpen = active;
        this.backgroundAtOpen = backgroundAtOpen;
        this.propagation = propagation;
        if (parent != null) {
            parent.childOpened(this);
        }
    }

    void captures(List<EvidenceSources.Open> opened) {
        this.captures = opened;
    }

    boolean holds(Object capability) {
        return capability == key;
    }

    synchronized boolean register(long[] segment) {
        if (closed) {
            return false;
        }
        segments.add(segment);
        return true;
    }

    synchronized boolean replace(long[] old, long[] grown) {
        if (closed) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) == old) {
                segments.set(i, grown);
                return true;
            }
        }
        return false;
    }

    private synchronized void childOpened(Node child) {
        if (!closed) {
            openChildren.add(child);
        }
    }

    /** A child closed: its executed calls count here too, unless it is detached; its failures always do. */
    private void childClosed(Node child, long[] childTotals) {
        synchronized (this) {
            openChildren.remove(child);
            if (closed) {
                return;
            }
            if (fromChildren.length < childTotals.length) {
                fromChildren = java.util.Arrays.copyOf(fromChildren, childTotals.length);
            }
            if (!child.detached) {
                // what the engine's own evidence said in a nested window (a parity engine's) is the test's too
                for (Fallback f : child.fallbacks) {
                    if (!fallbacks.contains(f)) {
                        fallbacks.add(f);
                    }
                }
                child.unavailable.forEach(u -> note(unavailable, u));
                child.evidence.forEach(e -> note(evidence, e));
                for (dev.honestcompute.recorder.EngineFact f : child.facts) {
                    fact(f.source(), f.name(), f.value(), f.unverified());
                }
            }
            for (int i = Registry.STRIDE; i < childTotals.length; i += Registry.STRIDE) {
                if (!child.detached) {
                    fromChildren[i] += childTotals[i];
                    fromChildren[i + 2] += childTotals[i + 2];
                    fromChildren[i + 3] += childTotals[i + 3];
                }
                fromChildren[i + 1] += childTotals[i + 1];
            }
        }
    }

    /** Counts an evidence source reported for this window. */
    synchronized void sourceCounted(int kernel, long calls, long failed) {
        int b = (kernel + 1) * Registry.STRIDE;
        if (fromSources.length <= b + Registry.STRIDE) {
            fromSources = java.util.Arrays.copyOf(fromSources, Math.max(b + Registry.STRIDE, Registry.segmentLength()));
        }
        fromSources[b] += calls;
        fromSources[b + 1] += failed;
    }

    /** A mock-compute leak: recorded here and in every enclosing window, whatever the engine does with the error. */
    void leak(String message) {
        for (Node n = this; n != null; n = n.parent) {
            note(n.leaks, message);
        }
    }

    /** Code that forges evidence was loaded or ran in this window: recorded here and in every enclosing window. */
    void forgery(String message) {
        for (Node n = this; n != null; n = n.parent) {
            note(n.forgeries, message);
        }
    }

    void evidence(String line) {
        note(evidence, line);
    }

    /**
     * A probed engine method ran in this window: counted here and in every enclosing window up to and including the
     * first reference window (a reference's engine calls are not the test's evidence).
     */
    void engineCall(String method) {
        for (Node n = this; n != null; n = n.parent) {
            if (n.engineCalls.size() < MAX_NOTES || n.engineCalls.containsKey(method)) {
                n.engineCalls.computeIfAbsent(method, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
            }
            if (n.detached) {
                break;
            }
        }
    }

    /** Engine calls per probed method, in name order. */
    java.util.Map<String, Long> engineCalls() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        engineCalls.forEach((k, v) -> out.put(k, v.get()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A fact an evidence source reported for this window (the latest value of a name wins). */
    void fact(String source, String name, String value, String unverified) {
        facts.removeIf(f -> f.name().equals(name) && f.source().equals(source));
        if (facts.size() < MAX_NOTES) {
            facts.add(new dev.honestcompute.recorder.EngineFact(source, name, value, unverified));
        }
    }

    private static void note(List<String> list, String message) {
        if (list.size() < MAX_NOTES && !list.contains(message)) {
            list.add(message);
        }
    }

    /** Current totals per kernel (final once closed). */
    long[] totals() {
        long[] done;
        List<Node> children;
        long[] sum;
        synchronized (this) {
            done = totals;
            if (done != null) {
                return done;
            }
            sum = new long[Registry.segmentLength()];
            for (long[] s : segments) {
                sum = add(sum, s, true);
            }
            sum = add(sum, fromChildren, true);
            sum = add(sum, fromSources, true);
            children = new ArrayList<>(openChildren);
        }
        for (Node c : children) {
            long[] t = c.totals();
            if (c.detached) {
                long[] failedOnly = new long[t.length];
                for (int i = Registry.STRIDE; i + 1 < t.length; i += Registry.STRIDE) {
                    failedOnly[i + 1] = t[i + 1];
                }
                t = failedOnly;
            }
            sum = add(sum, t, true);
        }
        return sum;
    }

    private static long[] add(long[] into, long[] from, boolean skipHeader) {
        if (from.length > into.length) {
            into = java.util.Arrays.copyOf(into, from.length);
        }
        for (int i = skipHeader ? Registry.STRIDE : 0; i < from.length; i++) {
            into[i] += from[i];
        }
        return into;
    }

    /** Background calls made anywhere in the JVM while this window was open (so far, or final once closed). */
    long backgroundCalls() {
        long final_ = backgroundCalls;
        return final_ >= 0 ? final_ : Math.max(0, Recording.backgroundTotal() - backgroundAtOpen);
    }

    /**
     * Closes the window: evidence sources report, the totals are fixed, enclosing windows get them, the opening
     * thread goes back to its previous context. Only the capability holder may close; idempotent.
     */
    boolean close(Object capability, Slot closingSlot) {
        if (!holds(capability)) {
            return false;
        }
        synchronized (this) {
            if (closed) {
                return true;
            }
        }
        EvidenceSources.close(this, captures);
        long[] fixed;
        List<long[]> segs;
        synchronized (this) {
            if (closed) {
                return true;
            }
            fixed = totals();
            closed = true;
            totals = fixed;
            segs = new ArrayList<>(segments);
            segments.clear();
        }
        for (long[] s : segs) {
            s[0] = 1; // tells a thread still pointing at it to count elsewhere
        }
        backgroundCalls = Math.max(0, Recording.backgroundTotal() - backgroundAtOpen);
        if (parent != null) {
            parent.childClosed(this, fixed);
        }
        if (closingSlot != null && closingSlot == openerSlot && closingSlot.node == this) {
            closingSlot.switchTo(previousOnOpener);
        }
        return true;
    }

    @Override
    public String toString() {
        return "window[" + owner + (production ? ", production" : "") + (detached ? ", detached" : "")
                + (closed ? ", closed" : "") + "]";
    }
}
