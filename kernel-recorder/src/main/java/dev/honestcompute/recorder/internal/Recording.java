package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Fallback;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Recorder runtime behind {@link dev.honestcompute.recorder.KernelRecorder}. Internal.
 *
 * <p>Instrumented code calls {@link #exit(int, boolean, long)} (inlined advice) with an index handed out when the
 * agent transformed the kernel. The hot path is: one volatile read of the sole open window, a thread identity
 * check and a plain {@code long[]} increment (calls on the window's own thread) or an atomic increment (calls on
 * other threads). No map lookup, no allocation.
 *
 * <p>{@link #register}, {@link #called} and {@link #markActive} are <em>simulation hooks</em> for tests of other
 * modules. They are public because Java 17 without modules has no friend access; this package is not a security
 * boundary. Using them marks the JVM as {@link #isSimulated() simulated}, while {@link #isAgentActive()} is only
 * true after the agent's canary ran through real instrumentation (checked with a stack walk).
 */
public final class Recording {

    /** Kernel timing ({@code -Dhonestcompute.recorder.timing}, see {@link TimingMode}); read once, constant-folded. */
    static final int TIME_EVERY = TimingMode.ofSystemProperty().every;
    /** Whether kernel timing is on (every call or sampled). */
    public static final boolean TIMING = TIME_EVERY != 0;
    private static final long SAMPLE_MASK = Math.max(TIME_EVERY, 1) - 1;
    /** Per-thread call ticks for sampled timing, striped by thread id, one cache line (and more) apart. */
    private static final long[] TICKS = new long[64 * 16];
    /** Longs per kernel in a window's counters: calls, failed calls, nanos, timed calls. */
    private static final int STRIDE = 4;

    /** Kernel index reserved for the agent's canary; never shown in observations. */
    static final int CANARY = 0;
    static final String CANARY_ID = "honestcompute.recorder.canary";

    private static final Object LOCK = new Object();
    /** What registration knows about one kernel index. */
    private record Def(String id, String backend, List<String> requires) {
    }

    private static volatile Def[] kernels = {new Def(CANARY_ID, "cpu", List.of())};
    private static final Map<String, Integer> BY_KEY = new HashMap<>();

    private static final CopyOnWriteArrayList<Window> OPEN = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Window> CURRENT = new ThreadLocal<>();
    /** The only open window, or {@code null} when none or several are open. */
    private static volatile Window sole;
    private static volatile int openCount;

    private static volatile boolean canarySeen;
    private static volatile boolean simulatedActive;
    private static volatile boolean simulated;

    static {
        BY_KEY.put(key(CANARY_ID, "cpu", List.of()), CANARY);
    }

    private Recording() {
    }

    // ------------------------------------------------------------------ registry

    /** Simulation hook: registers a kernel as if the agent had instrumented it. Marks the JVM as simulated. */
    public static int register(String id, String backend) {
        return register(id, backend, List.of());
    }

    /**
     * Simulation hook: registers a kernel that declares the CPU features it needs, as if the agent had instrumented
     * a {@code @Kernel(requires = ...)} method. Marks the JVM as simulated.
     */
    public static int register(String id, String backend, List<String> requires) {
        simulated = true;
        return registerInstrumented(id, backend, requires);
    }

    /** Registers a kernel found by instrumentation that declares no CPU feature requirements. */
    static int registerInstrumented(String id, String backend) {
        return registerInstrumented(id, backend, List.of());
    }

    /**
     * Registers a kernel found by instrumentation; returns its stable index (same id, backend and requirements → same
     * index). Two methods sharing an id and backend but declaring different requirements get separate indexes, so a
     * receipt shows the requirements of the variant that really ran, never a union of both.
     */
    static int registerInstrumented(String id, String backend, List<String> requires) {
        if (id == null || id.isBlank() || backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("kernel id and backend must be non-blank, got id='" + id
                    + "' backend='" + backend + "'");
        }
        if (id.equals(CANARY_ID)) {
            throw new IllegalArgumentException("kernel id '" + CANARY_ID + "' is reserved for the recorder's canary");
        }
        List<String> features = cpuFeatures(id, requires);
        synchronized (LOCK) {
            String key = key(id, backend, features);
            Integer existing = BY_KEY.get(key);
            if (existing != null) {
                return existing;
            }
            Def[] old = kernels;
            Def[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = new Def(id, backend, features);
            kernels = grown;
            BY_KEY.put(key, old.length);
            return old.length;
        }
    }

    private static String key(String id, String backend, List<String> requires) {
        return id + '\u0000' + backend + '\u0000' + String.join(",", requires);
    }

    /** Declared CPU features as receipts carry them: trimmed, lower case, sorted, no duplicates; blanks rejected. */
    static List<String> cpuFeatures(String id, List<String> requires) {
        if (requires == null || requires.isEmpty()) {
            return List.of();
        }
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String r : requires) {
            if (r == null || r.isBlank()) {
                throw new IllegalArgumentException("kernel '" + id + "' declares a blank required CPU feature in "
                        + requires + "; name features as /proc/cpuinfo does, e.g. \"avx2\", or remove the entry");
            }
            out.add(r.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return List.copyOf(out);
    }

    static String kernelId(int index) {
        return kernels[index].id();
    }

    static String kernelBackend(int index) {
        return kernels[index].backend();
    }

    // ------------------------------------------------------------------ activation

    /**
     * Simulation hook for tests of other modules: pretends the agent is (or is not) active. Marks the JVM as
     * simulated. The real agent never calls this; it is activated by its canary.
     */
    public static void markActive(boolean value) {
        simulated = true;
        simulatedActive = value;
    }

    /** Whether the recorder counts as active: canary seen, or simulated by {@link #markActive(boolean)}. */
    public static boolean isActive() {
        return canarySeen || simulatedActive;
    }

    /** Whether the agent really is installed: its canary ran through inlined advice. Cannot be simulated. */
    public static boolean isAgentActive() {
        return canarySeen;
    }

    /** Whether a simulation hook ({@link #register}, {@link #called}, {@link #markActive}) was used in this JVM. */
    public static boolean isSimulated() {
        return simulated;
    }

    private static void canary() {
        // The capability: only the body of Canary.ping() (which only the agent instruments) may activate.
        // Frames: canary() <- exit(...) <- Canary.ping() (the advice is inlined into ping).
        boolean fromCanary = StackWalker.getInstance().walk(frames -> frames
                .skip(2)
                .findFirst()
                .map(f -> f.getClassName().equals(Canary.class.getName()) && f.getMethodName().equals("ping"))
                .orElse(false));
        if (fromCanary) {
            canarySeen = true;
        }
    }

    // ------------------------------------------------------------------ hot path

    /** Called by the code the agent inserts at a kernel's entry: {@code System.nanoTime()}, or -1 when timing is off. */
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

    /** Called before a status-returning kernel returns: the call succeeded when {@code status} is 0. */
    public static void exitWithStatus(int status, int kernel, long start) {
        exit(kernel, status != 0, start);
    }

    /**
     * Called by the code the agent inserts when a kernel call finished (returned, or threw: {@code failed}).
     * {@code start} is {@link #start()}'s value at entry: {@code System.nanoTime()}, or
     * {@code -1} when timing is off.
     */
    public static void exit(int kernel, boolean failed, long start) {
        Window w = sole;
        if (w != null) {
            w.count(kernel, failed, start < 0 ? -1 : System.nanoTime() - start);
        } else if (openCount != 0) {
            slowCount(kernel, failed, start < 0 ? -1 : System.nanoTime() - start);
        }
        if (kernel == CANARY) {
            canary();
        }
    }

    /** Simulation hook: one kernel call finished. {@code nanos} is {@code -1} when timing is off. */
    public static void called(int kernel, boolean failed, long nanos) {
        simulated = true;
        if (kernel < 0 || kernel >= kernels.length) {
            throw new IllegalArgumentException("unknown kernel index " + kernel + "; get one from register(...)");
        }
        Window w = sole;
        if (w != null) {
            w.count(kernel, failed, nanos);
        } else if (openCount != 0) {
            slowCount(kernel, failed, nanos);
        }
    }

    private static void slowCount(int kernel, boolean failed, long nanos) {
        Window own = CURRENT.get();
        if (own != null && !own.closed) {
            own.count(kernel, failed, nanos);
            return;
        }
        Object[] open = OPEN.toArray();
        if (open.length == 1) {
            ((Window) open[0]).count(kernel, failed, nanos);
        } else {
            for (Object o : open) {
                ((Window) o).unattributed.incrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------ windows

    public static KernelWindow open(String owner, boolean production) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("KernelRecorder.openWindow: 'owner' must be a non-blank string");
        }
        Window w = new Window(owner, production, CURRENT.get(), Thread.currentThread(), kernels.length);
        CURRENT.set(w);
        synchronized (LOCK) {
            OPEN.add(w);
            refreshSole();
        }
        return w;
    }

    private static void refreshSole() {
        openCount = OPEN.size();
        sole = OPEN.size() == 1 ? OPEN.get(0) : null;
    }

    public static void fallback(Fallback fallback) {
        Window w = attributedWindow();
        if (w != null) {
            w.fallbacks.add(fallback);
        }
    }

    /** The window a call on this thread is attributed to (bound window, else the sole open one), or {@code null}. */
    static Window attributedWindow() {
        Window own = CURRENT.get();
        if (own != null && !own.closed) {
            return own;
        }
        return sole;
    }

    /** The production window the calling thread's work is attributed to, or {@code null}. */
    public static KernelWindow currentProductionWindow() {
        Window w = attributedWindow();
        return w != null && w.production && !w.closed ? w : null;
    }

    /**
     * For mock compute reached on a thread bound to no window while several windows are open: the call cannot be
     * attributed, so instead of passing silently it is counted as unattributed in every open window (a production
     * receipt can then refuse to be {@code real}). Returns whether it was ambiguous.
     */
    static boolean countIfAmbiguous() {
        Window own = CURRENT.get();
        if ((own != null && !own.closed) || sole != null || openCount < 2) {
            return false;
        }
        for (Object o : OPEN.toArray()) {
            ((Window) o).unattributed.incrementAndGet();
        }
        return true;
    }

    /** The window bound to the calling thread (for {@code KernelRecorder.wrap}), or {@code null}. */
    public static KernelWindow boundWindow() {
        Window own = CURRENT.get();
        return own != null && !own.closed ? own : null;
    }

    /** Runs {@code task} with {@code window} bound to the calling thread, then restores the previous binding. */
    public static void runBound(KernelWindow window, Runnable task) {
        if (window == null) {
            task.run();
            return;
        }
        if (!(window instanceof Window)) {
            throw new IllegalArgumentException("not a recorder window: " + window);
        }
        Window previous = CURRENT.get();
        CURRENT.set((Window) window);
        try {
            task.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static final class Window implements KernelWindow {
        private static final int CHUNK = 256;

        private final String owner;
        private final boolean production;
        private final Window outer;
        private final Thread thread;
        /** Counters written only by {@link #thread}: [calls, failed, nanos, timed calls] per kernel. */
        private long[] own;
        /** Counters for calls from other threads, chunked so growth never loses an increment. */
        private volatile AtomicLongArray[] shared = new AtomicLongArray[0];
        private final List<Fallback> fallbacks = new CopyOnWriteArrayList<>();
        private final AtomicLong unattributed = new AtomicLong();
        private volatile boolean closed;
        /** Set when any call carried a duration (timing on, or a simulated duration). */
        private boolean timed;
        private final boolean sawActive = isActive();

        Window(String owner, boolean production, Window outer, Thread thread, int capacity) {
            this.owner = owner;
            this.production = production;
            this.outer = outer;
            this.thread = thread;
            this.own = new long[STRIDE * (capacity + 16)];
        }

        void count(int kernel, boolean failed, long nanos) {
            if (Thread.currentThread() == thread) {
                long[] o = own;
                int i = STRIDE * kernel;
                if (i >= o.length) {
                    o = growOwn(i);
                }
                o[failed ? i + 1 : i]++;
                if (nanos >= 0) {
                    o[i + 2] += nanos;
                    o[i + 3]++;
                    timed = true;
                }
            } else {
                countShared(kernel, failed, nanos);
            }
        }

        private long[] growOwn(int index) {
            long[] grown = java.util.Arrays.copyOf(own, Math.max(2 * own.length, index + STRIDE * 64));
            own = grown;
            return grown;
        }

        private void countShared(int kernel, boolean failed, long nanos) {
            int chunk = kernel / CHUNK;
            AtomicLongArray[] s = shared;
            if (chunk >= s.length || s[chunk] == null) {
                s = growShared(chunk);
            }
            AtomicLongArray c = s[chunk];
            int i = STRIDE * (kernel % CHUNK);
            c.getAndIncrement(failed ? i + 1 : i);
            if (nanos >= 0) {
                c.getAndAdd(i + 2, nanos);
                c.getAndIncrement(i + 3);
                timed = true;
            }
        }

        private synchronized AtomicLongArray[] growShared(int chunk) {
            AtomicLongArray[] s = shared;
            if (chunk >= s.length) {
                s = java.util.Arrays.copyOf(s, chunk + 1);
            }
            if (s[chunk] == null) {
                s[chunk] = new AtomicLongArray(STRIDE * CHUNK);
            }
            shared = s;
            return s;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public boolean production() {
            return production;
        }

        /**
         * Exact on the window's own thread, or on any thread after {@link #close()} ran on the window's thread;
         * from other threads while open, counts of the window's own thread may lag.
         */
        @Override
        public KernelObservations observations() {
            boolean ignored = closed; // volatile read: publishes the owner thread's plain writes made before close()
            boolean withTime = TIMING || timed;
            Def[] defs = kernels;
            long[] o = own;
            AtomicLongArray[] s = shared;
            List<KernelStats> stats = new ArrayList<>();
            for (int k = 1; k < defs.length; k++) {
                int i = STRIDE * k;
                long calls = i < o.length ? o[i] : 0;
                long failed = i < o.length ? o[i + 1] : 0;
                long nanos = i < o.length ? o[i + 2] : 0;
                long timedCalls = i < o.length ? o[i + 3] : 0;
                int chunk = k / CHUNK;
                if (chunk < s.length && s[chunk] != null) {
                    int j = STRIDE * (k % CHUNK);
                    calls += s[chunk].get(j);
                    failed += s[chunk].get(j + 1);
                    nanos += s[chunk].get(j + 2);
                    timedCalls += s[chunk].get(j + 3);
                }
                if (calls + failed > 0) {
                    stats.add(new KernelStats(defs[k].id(), defs[k].backend(), calls, failed, withTime ? nanos : -1,
                            defs[k].requires(), withTime ? timedCalls : 0));
                }
            }
            stats.sort(Comparator.comparing(KernelStats::id).thenComparing(KernelStats::backend)
                    .thenComparing(k -> String.join(",", k.requires())));
            return new KernelObservations(stats, fallbacks, sawActive && isActive(), unattributed.get());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            synchronized (LOCK) {
                OPEN.remove(this);
                refreshSole();
            }
            closed = true;
            if (CURRENT.get() == this) {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }

        @Override
        public String toString() {
            return "KernelWindow[" + owner + (production ? ", production" : "") + (closed ? ", closed" : "") + "]";
        }
    }
}
