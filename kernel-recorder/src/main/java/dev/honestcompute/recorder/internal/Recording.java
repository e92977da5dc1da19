package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Fallback;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorder's runtime: per-thread counters, window contexts and their propagation. Internal.
 *
 * <p>The code the agent inserts into a kernel reaches {@link #exit} only through an {@code invokedynamic} call site
 * that {@link Linkage} links for classes the transformer itself rewrote; nothing public here counts a call or flips
 * the recorder's state. The hot path is: the current thread's slot from a table indexed by thread id, a bounds and
 * closed check, a plain {@code long[]} increment. No atomic read-modify-write, no lock, no allocation, on any thread.
 */
public final class Recording {

    /** Kernel timing ({@code -Dhonestcompute.recorder.timing}, see {@link TimingMode}); read once, constant-folded. */
    static final int TIME_EVERY = TimingMode.ofSystemProperty().every;
    /** Whether kernel timing is on (every call or sampled). */
    static final boolean TIMING = TIME_EVERY != 0;
    private static final long SAMPLE_MASK = Math.max(TIME_EVERY, 1) - 1;
    /** Per-thread call ticks for sampled timing, striped by thread id, one cache line (and more) apart. */
    private static final long[] TICKS = new long[64 * 16];

    private static final int MASK = 4095;
    private static final Slot[] SLOTS = new Slot[MASK + 1];
    /** The slot of each thread; a new thread inherits (as a {@link Seed}) the context its creator worked in. */
    private static final InheritableThreadLocal<Object> LOCAL = new InheritableThreadLocal<>() {
        @Override
        protected Object childValue(Object parent) {
            Node n = parent instanceof Slot ? ((Slot) parent).node : parent instanceof Seed ? ((Seed) parent).node : null;
            return n == null || n.closed ? null : new Seed(n);
        }
    };
    private static final List<Slot> ALL = new ArrayList<>();
    /** Background calls of slots whose thread ended (guarded by {@link #ALL}). */
    private static long foldedBackground;
    private static final Set<Node> OPEN = ConcurrentHashMap.newKeySet();

    private static volatile boolean canarySeen;
    /** How context reaches pool threads in this JVM (set by the installer). */
    private static volatile String propagation = "threads only (java.util.concurrent not instrumented)";

    /** For {@link Linkage}: handles to the private entry points below. */
    static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private record Seed(Node node) {
    }

    private Recording() {
    }

    // ------------------------------------------------------------------ hot path (linked by Linkage only)

    /** Called by the code the agent inserts at a kernel's entry: {@code System.nanoTime()}, or -1 when not timed. */
    public static long start() {
        if (!TIMING) {
            return -1L;
        }
        if (SAMPLE_MASK != 0) {
            // racy on purpose: two threads sharing a stripe only shift which calls get sampled
            int stripe = ((int) Thread.currentThread().getId() & 63) << 4;
            if ((TICKS[stripe]++ & SAMPLE_MASK) != 0) {
                return -1L;
            }
        }
        return System.nanoTime();
    }

    /** At a GPU-backend kernel's entry: the thread's count of device launches so far. */
    public static long launchMark() {
        return slot().launches;
    }

    static void exit(int kernel, boolean failed, long start) {
        Thread t = Thread.currentThread();
        Slot s = SLOTS[(int) t.getId() & MASK];
        if (s == null || s.owner != t) {
            s = slot(t);
        }
        long[] c = s.counts;
        int b = (kernel + 1) * Registry.STRIDE;
        if (b < c.length && c[0] == 0) {
            c[failed ? b + 1 : b]++;
            if (start >= 0) {
                c[b + 2] += System.nanoTime() - start;
                c[b + 3]++;
            }
        } else {
            slowCount(s, kernel, failed, start < 0 ? -1 : System.nanoTime() - start);
        }
    }

    static void exitWithStatus(int status, int kernel, long start) {
        exit(kernel, status != 0, start);
    }

    /** A GPU-backend kernel ended: it counts as its declared backend only if a device launch happened inside it. */
    static void gpuExit(int verified, int unverified, boolean failed, long mark) {
        exit(slot().launches > mark ? verified : unverified, failed, -1);
    }

    static void gpuExitWithStatus(int status, int verified, int unverified, long mark) {
        gpuExit(verified, unverified, status != 0, mark);
    }

    /** A launch returned {@code status} at the driver boundary. */
    static void deviceLaunch(int kernel, int status, long start) {
        if (status == 0) {
            slot().launches++;
        }
        exit(kernel, status != 0, start);
    }

    static void canaryExit(boolean failed, long start) {
        canarySeen = true;
    }

    private static void slowCount(Slot s, int kernel, boolean failed, long nanos) {
        long[] c = s.counts;
        if (c[0] != 0) {
            s.switchTo(s.node); // its window closed: the nearest open enclosing window, or background
            c = s.counts;
        }
        int b = (kernel + 1) * Registry.STRIDE;
        if (b + Registry.STRIDE > c.length) {
            c = s.grow(b);
        }
        c[failed ? b + 1 : b]++;
        if (nanos >= 0) {
            c[b + 2] += nanos;
            c[b + 3]++;
        }
    }

    // ------------------------------------------------------------------ slots

    /** The calling thread's slot, created on first use. */
    static Slot slot() {
        Thread t = Thread.currentThread();
        Slot s = SLOTS[(int) t.getId() & MASK];
        return s != null && s.owner == t ? s : slot(t);
    }

    /** The calling thread's slot if it has one, without creating it. */
    static Slot existingSlot() {
        Thread t = Thread.currentThread();
        Slot s = SLOTS[(int) t.getId() & MASK];
        if (s != null && s.owner == t) {
            return s;
        }
        Object v = LOCAL.get();
        return v instanceof Slot && ((Slot) v).owner == t ? (Slot) v : null;
    }

    private static Slot slot(Thread t) {
        Object v = LOCAL.get();
        Slot s;
        if (v instanceof Slot && ((Slot) v).owner == t) {
            s = (Slot) v;
        } else {
            s = new Slot(t, v instanceof Seed ? ((Seed) v).node : null);
            LOCAL.set(s);
            synchronized (ALL) {
                ALL.add(s);
                if (ALL.size() % 64 == 0) {
                    foldDeadSlots();
                }
            }
        }
        int i = (int) t.getId() & MASK;
        Slot there = SLOTS[i];
        if (there == null || !there.owner.isAlive()) {
            SLOTS[i] = s;
        }
        return s;
    }

    private static void foldDeadSlots() {
        for (Iterator<Slot> it = ALL.iterator(); it.hasNext(); ) {
            Slot s = it.next();
            if (!s.owner.isAlive()) {
                foldedBackground += s.backgroundCalls();
                it.remove();
                int i = (int) s.owner.getId() & MASK;
                if (SLOTS[i] == s) {
                    SLOTS[i] = null;
                }
            }
        }
    }

    /** Background calls (no window context) made in this JVM so far, every thread. */
    static long backgroundTotal() {
        synchronized (ALL) {
            long sum = foldedBackground;
            for (Slot s : ALL) {
                sum += s.backgroundCalls();
            }
            return sum;
        }
    }

    // ------------------------------------------------------------------ contexts

    /** The calling thread's context, or {@code null}. Never creates a slot. */
    static Node current() {
        Slot s = existingSlot();
        if (s != null) {
            Node n = s.node;
            while (n != null && n.closed) {
                n = n.parent;
            }
            return n;
        }
        Object v = LOCAL.get();
        return v instanceof Seed && !((Seed) v).node.closed ? ((Seed) v).node : null;
    }

    /**
     * The open windows the calling thread's work belongs to, innermost first: its context (propagated to pool threads
     * with the work) and that window's enclosing windows. For the evidence sources, which attribute an engine call the
     * way kernel calls are attributed; the windows are opaque tokens. Empty when the work belongs to no window.
     */
    public static List<Object> contextWindows() {
        List<Object> out = new ArrayList<>();
        for (Node n = current(); n != null; n = n.parent) {
            if (!n.closed) {
                out.add(n);
            }
        }
        return out;
    }

    /** A probed engine entry point ran (see {@code EngineHookGuard.engineRan}); counted in the calling work's windows. */
    static void engineCall(String method) {
        Node n = current();
        if (n != null) {
            n.engineCall(method);
        }
    }

    /** Makes {@code context} (a window, or {@code null}) current on this thread; returns the previous one. */
    static Node enter(Node context) {
        Slot s = slot();
        Node previous = s.node;
        if (previous != context) {
            s.switchTo(context);
        }
        return previous;
    }

    static void leave(Node previous) {
        Slot s = slot();
        if (s.node != previous) {
            s.switchTo(previous);
        }
    }

    /** Open windows, for mock calls and forgeries that no context attributes. */
    static Set<Node> open() {
        return OPEN;
    }

    // ------------------------------------------------------------------ windows (harmless: any code may open one)

    /**
     * Opens a window on the calling thread, nested in its current context. {@code key} is the capability that
     * closes it. Returns the window (as {@code Object}: its type is internal).
     */
    public static Object open(String owner, boolean production, boolean detached, Object key, String testLocation,
                              String requestedBackend) {
        return open(owner, production, detached, key, testLocation, requestedBackend, new AnnotatedElement[0]);
    }

    /**
     * {@link #open(String, boolean, boolean, Object, String, String)} for a window that records a test: {@code test}
     * holds its method and class (either may be null), whose annotations the evidence sources read. A nested window
     * that names neither (a parity harness's engine window) has its enclosing window's test and requested backend;
     * a reference window has neither.
     */
    public static Object open(String owner, boolean production, boolean detached, Object key, String testLocation,
                              String requestedBackend, AnnotatedElement[] test) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("KernelRecorder.openWindow: 'owner' must be a non-blank string");
        }
        if (key == null) {
            throw new IllegalArgumentException("a window needs a key");
        }
        Slot s = slot();
        Node parent = current();
        AnnotatedElement[] annotated = test == null ? new AnnotatedElement[0] : test.clone();
        boolean namesTest = false;
        for (AnnotatedElement e : annotated) {
            namesTest |= e != null;
        }
        String backend = requestedBackend == null ? "" : requestedBackend;
        if (!detached && parent != null) {
            if (!namesTest) {
                annotated = parent.test;
            }
            if (backend.isEmpty()) {
                backend = parent.requestedBackend;
            }
        }
        Node n = new Node(owner, production, detached, parent, key, s, testLocation, backend, isActive(),
                backgroundTotal(), propagation);
        n.test = annotated;
        OPEN.add(n);
        s.switchTo(n);
        n.captures(EvidenceSources.open(n));
        return n;
    }

    /** Closes {@code window} if {@code key} is its capability; returns whether it did (or it was closed already). */
    public static boolean close(Object window, Object key) {
        if (!(window instanceof Node)) {
            return false;
        }
        Node n = (Node) window;
        Slot s = existingSlot();
        boolean closed = n.close(key, s);
        if (closed) {
            OPEN.remove(n);
        }
        return closed;
    }

    /** What {@code window} observed so far (final once closed). */
    public static Snapshot snapshot(Object window) {
        if (!(window instanceof Node)) {
            throw new IllegalArgumentException("not a recorder window: " + window);
        }
        Node n = (Node) window;
        return new Snapshot(n.owner, n.production, n.detached, n.closed, n.totals(), Registry.all(),
                List.copyOf(n.fallbacks), List.copyOf(n.leaks), List.copyOf(n.forgeries), List.copyOf(n.unavailable),
                List.copyOf(n.evidence), List.copyOf(n.facts), n.engineCalls(), n.activeAtOpen && isActive(), n.backgroundCalls(), n.propagation);
    }

    /** An engine-reported downgrade, recorded in the calling thread's context (nowhere when it has none). */
    public static void fallback(Fallback fallback) {
        Node n = current();
        if (n != null) {
            n.fallbacks.add(fallback);
        }
    }

    /** The calling thread's context, for {@code KernelRecorder.wrap}: opaque, {@code null} when none. */
    public static Object context() {
        return current();
    }

    /** Runs {@code task} in {@code context} (from {@link #context()}), then restores this thread's own. */
    public static void runIn(Object context, Runnable task) {
        if (context != null && !(context instanceof Node)) {
            throw new IllegalArgumentException("not a recorder context: " + context);
        }
        Node previous = enter((Node) context);
        try {
            task.run();
        } finally {
            leave(previous);
        }
    }

    // ------------------------------------------------------------------ status

    /** Whether the agent is installed and its canary ran through the inserted code. */
    public static boolean isActive() {
        return canarySeen;
    }

    static void propagation(String mode) {
        propagation = mode;
    }

    /** How window context reaches other threads in this JVM, for receipts. */
    public static String propagation() {
        return propagation;
    }
}
