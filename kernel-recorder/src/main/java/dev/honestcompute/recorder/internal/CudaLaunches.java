package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Backend;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JCuda launch bookkeeping: {@code cuModuleGetFunction} names a {@code CUfunction} (kept by identity, weakly), and
 * {@code cuLaunchKernel} records a launch of {@code cuda:<name>}: executed only when it returned 0 without throwing.
 */
public final class CudaLaunches {

    /** Id used when a launch uses a function whose {@code cuModuleGetFunction} the recorder did not see. */
    public static final String UNKNOWN = "cuda:<unnamed function>";

    private static final Map<Key, String> NAMES = new HashMap<>();
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static final Map<String, Integer> INDEXES = new ConcurrentHashMap<>();

    private CudaLaunches() {
    }

    /** After {@code cuModuleGetFunction(function, module, name)}. */
    public static void functionNamed(Object function, String name, boolean ok) {
        if (!ok || function == null || name == null) {
            return;
        }
        synchronized (NAMES) {
            expunge();
            NAMES.put(new Key(function, QUEUE), name);
        }
    }

    /** Before {@code cuModuleGetFunction(function, module, name)} returns {@code status}. */
    public static void functionNamed(int status, Object function, String name) {
        functionNamed(function, name, status == 0);
    }

    /** Before {@code cuLaunchKernel(function, ...)} returns {@code status}: a launch, failed unless it is 0. */
    public static void launched(int status, Object function, long start) {
        launched(function, status != 0, start);
    }

    /** After {@code cuLaunchKernel(function, ...)}. */
    public static void launched(Object function, boolean failed, long start) {
        String name;
        synchronized (NAMES) {
            expunge();
            name = function == null ? null : NAMES.get(new Key(function, null));
        }
        String id = name == null ? UNKNOWN : "cuda:" + name;
        int index = INDEXES.computeIfAbsent(id, i -> Recording.registerInstrumented(i, Backend.CUDA));
        Recording.exit(index, failed, start);
    }

    private static void expunge() {
        for (Object ref; (ref = QUEUE.poll()) != null; ) {
            NAMES.remove(ref);
        }
    }

    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((Key) o).get();
        }
    }
}
