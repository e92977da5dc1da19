package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Backend;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JCuda launch bookkeeping at the driver boundary: the code the agent inserts right after JCuda's <em>native</em>
 * {@code cuModuleGetFunctionNative} names a {@code CUfunction} (kept by identity, weakly), and right after the native
 * {@code cuLaunchKernelNative} records a launch of {@code cuda:<name>}: executed only when the driver returned 0. A
 * class that merely has JCuda's name but never reaches a native method records nothing. Reached only through
 * {@link Linkage}.
 */
final class CudaLaunches {

    /** Id used when a launch uses a function whose {@code cuModuleGetFunction} the recorder did not see. */
    static final String UNKNOWN = "cuda:<unnamed function>";

    static final MethodHandle LAUNCHED;
    static final MethodHandle NAMED;
    static final MethodHandle CUBLAS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LAUNCHED = l.findStatic(CudaLaunches.class, "launched",
                    MethodType.methodType(void.class, int.class, Object.class, long.class));
            NAMED = l.findStatic(CudaLaunches.class, "functionNamed",
                    MethodType.methodType(void.class, int.class, Object.class, String.class));
            CUBLAS = l.findStatic(CudaLaunches.class, "cublas",
                    MethodType.methodType(void.class, int.class, int.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Map<Key, String> NAMES = new HashMap<>();
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static final Map<String, Integer> INDEXES = new ConcurrentHashMap<>();

    private CudaLaunches() {
    }

    /** After the native {@code cuModuleGetFunctionNative(function, module, name)} returned {@code status}. */
    private static void functionNamed(int status, Object function, String name) {
        if (status != 0 || function == null || name == null) {
            return;
        }
        synchronized (NAMES) {
            expunge();
            NAMES.put(new Key(function, QUEUE), name);
        }
    }

    /** After the native {@code cuLaunchKernelNative(function, ...)} returned {@code status}. */
    private static void launched(int status, Object function, long start) {
        String name;
        synchronized (NAMES) {
            expunge();
            name = function == null ? null : NAMES.get(new Key(function, null));
        }
        String id = name == null ? UNKNOWN : "cuda:" + name;
        int index = INDEXES.computeIfAbsent(id, i -> Registry.driver(i, Backend.CUDA));
        Recording.deviceLaunch(index, status, start);
    }

    /** After a native cuBLAS compute call returned {@code status}. */
    private static void cublas(int status, int kernel, long start) {
        Recording.deviceLaunch(kernel, status, start);
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
