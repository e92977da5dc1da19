package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Fallback;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recorder runtime behind {@link dev.honestcompute.recorder.KernelRecorder}. Internal: instrumented code calls
 * {@link #called(int, boolean, long)} with an index handed out by {@link #register(String, String)} when the agent
 * transformed the kernel.
 */
public final class Recording {

    private static final CopyOnWriteArrayList<String[]> KERNELS = new CopyOnWriteArrayList<>();
    private static final CopyOnWriteArrayList<Window> OPEN = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Window> CURRENT = new ThreadLocal<>();
    private static volatile boolean active;

    private Recording() {
    }

    /** Registers a kernel at instrumentation time and returns its index. */
    public static synchronized int register(String id, String backend) {
        for (int i = 0; i < KERNELS.size(); i++) {
            String[] k = KERNELS.get(i);
            if (k[0].equals(id) && k[1].equals(backend)) {
                return i;
            }
        }
        KERNELS.add(new String[] {id, backend});
        return KERNELS.size() - 1;
    }

    /** Marks the recorder active (agent installed, canary seen). */
    public static void markActive(boolean value) {
        active = value;
    }

    public static boolean isActive() {
        return active;
    }

    /** Hot path: one kernel call finished. {@code nanos} is {@code -1} when timing is off. */
    public static void called(int kernel, boolean failed, long nanos) {
        if (OPEN.isEmpty()) {
            return;
        }
        Window own = CURRENT.get();
        if (own != null) {
            own.count(kernel, failed, nanos);
        } else if (OPEN.size() == 1) {
            OPEN.get(0).count(kernel, failed, nanos);
        } else {
            for (Window w : OPEN) {
                w.unattributed.incrementAndGet();
            }
        }
    }

    public static KernelWindow open(String owner, boolean production) {
        Window w = new Window(owner, production, CURRENT.get());
        CURRENT.set(w);
        OPEN.add(w);
        return w;
    }

    public static void fallback(Fallback fallback) {
        Window own = CURRENT.get();
        if (own != null) {
            own.fallbacks.add(fallback);
        } else if (OPEN.size() == 1) {
            OPEN.get(0).fallbacks.add(fallback);
        }
    }

    /** The production window of the calling thread, or {@code null}. */
    public static KernelWindow currentProductionWindow() {
        Window own = CURRENT.get();
        return own != null && own.production && !own.closed ? own : null;
    }

    private static final class Window implements KernelWindow {
        private final String owner;
        private final boolean production;
        private final Window outer;
        private final ConcurrentHashMap<Integer, long[]> counts = new ConcurrentHashMap<>();
        private final List<Fallback> fallbacks = new CopyOnWriteArrayList<>();
        private final AtomicLong unattributed = new AtomicLong();
        private volatile boolean closed;
        private volatile boolean sawActive = active;

        Window(String owner, boolean production, Window outer) {
            this.owner = owner;
            this.production = production;
            this.outer = outer;
        }

        void count(int kernel, boolean failed, long nanos) {
            long[] c = counts.computeIfAbsent(kernel, k -> new long[3]);
            synchronized (c) {
                c[failed ? 1 : 0]++;
                if (nanos >= 0) {
                    c[2] += nanos;
                } else {
                    c[2] = -1;
                }
            }
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public boolean production() {
            return production;
        }

        @Override
        public KernelObservations observations() {
            List<KernelStats> stats = new ArrayList<>();
            counts.forEach((k, c) -> {
                String[] def = KERNELS.get(k);
                synchronized (c) {
                    stats.add(new KernelStats(def[0], def[1], c[0], c[1], c[2]));
                }
            });
            stats.sort(Comparator.comparing(KernelStats::id).thenComparing(KernelStats::backend));
            return new KernelObservations(stats, fallbacks, sawActive && active, unattributed.get());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            OPEN.remove(this);
            if (CURRENT.get() == this) {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }
    }
}
