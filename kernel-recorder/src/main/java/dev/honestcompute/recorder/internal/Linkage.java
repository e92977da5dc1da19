package dev.honestcompute.recorder.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bootstrap of every {@code invokedynamic} the agent inserts into kernel code: the only way to reach the
 * recorder's counting entry points. It links a call site only when the JVM itself is linking an
 * {@code invokedynamic} in a class the transformer rewrote, at a site the transformer planned there; anything else
 * (a direct call, reflection, a method handle, a class that ships its own {@code invokedynamic} to here) is refused
 * and recorded as a forgery. After linking, the site is a constant call site: as cheap as a static call.
 */
public final class Linkage {

    /** What an inserted call site does. */
    enum Action {
        /** {@code (boolean failed, long start)}: a kernel that succeeds when it returns. */
        EXIT,
        /** {@code (int status, long start)}: succeeds when it returned 0. */
        EXIT_STATUS,
        /** {@code (Object self, boolean failed, long start)}: kernel id resolved per runtime class. */
        EXIT_RUNTIME_CLASS,
        /** {@code (boolean failed, long mark)}: a GPU-backend kernel, verified when a device launch happened. */
        GPU_EXIT,
        /** {@code (int status, long mark)}: a GPU-backend status-returning kernel. */
        GPU_EXIT_STATUS,
        /** {@code (int status, Object function, long start)}: JCuda's native launch returned. */
        CUDA_LAUNCH,
        /** {@code (int status, Object function, String name)}: JCuda's native cuModuleGetFunction returned. */
        CUDA_FUNCTION,
        /** {@code (int status, long start)}: a cuBLAS native call returned. */
        CUBLAS,
        /** {@code (boolean failed, long start)}: the canary. */
        CANARY
    }

    private record Site(String className, WeakReference<ClassLoader> loader, Action action, int a, int b) {
    }

    private static final Object LOCK = new Object();
    private static final List<Site> SITES = new ArrayList<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Linkage() {
    }

    /** The transformer plans a call site in class {@code className} of {@code loader}; returns its number. */
    static int plan(String className, ClassLoader loader, Action action, int a, int b) {
        synchronized (LOCK) {
            SITES.add(new Site(className, new WeakReference<>(loader), action, a, b));
            return SITES.size() - 1;
        }
    }

    /** The descriptor of an action's call site. */
    static String descriptor(Action action) {
        switch (action) {
            case EXIT:
            case CANARY:
            case GPU_EXIT:
                return "(ZJ)V";
            case EXIT_STATUS:
            case GPU_EXIT_STATUS:
            case CUBLAS:
                return "(IJ)V";
            case EXIT_RUNTIME_CLASS:
                return "(Ljava/lang/Object;ZJ)V";
            case CUDA_LAUNCH:
                return "(ILjava/lang/Object;J)V";
            case CUDA_FUNCTION:
                return "(ILjava/lang/Object;Ljava/lang/String;)V";
            default:
                throw new IllegalArgumentException(action.name());
        }
    }

    /** The bootstrap method. Only the JVM linking an agent-inserted site gets a call site back. */
    public static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, int site) throws Throwable {
        Class<?> at = caller.lookupClass();
        Site s;
        synchronized (LOCK) {
            s = site >= 0 && site < SITES.size() ? SITES.get(site) : null;
        }
        String refused = null;
        if (s == null) {
            refused = "no such call site (" + site + ")";
        } else if (!s.className.equals(at.getName()) || s.loader.get() != at.getClassLoader()) {
            refused = "call site " + site + " was planned in another class";
        } else if ((caller.lookupModes() & MethodHandles.Lookup.PRIVATE) == 0) {
            refused = "the lookup has no private access";
        } else if (!linkedByJvm(at)) {
            refused = "not linked by the JVM (called directly, by reflection or through a method handle)";
        } else if (!name.equals(s.action.name()) || !type.toMethodDescriptorString().equals(descriptor(s.action))) {
            refused = "call site " + site + " is not a " + name + type;
        }
        if (refused != null) {
            Forgeries.refused(at, "the recorder's call-site bootstrap " + Linkage.class.getName() + ".link", refused);
            throw new IllegalAccessException("Honest Compute refused to link a recorder call site in " + at.getName()
                    + ": " + refused + ". Only code the recorder agent instruments may record kernels.");
        }
        return new ConstantCallSite(target(s).asType(type));
    }

    private static boolean linkedByJvm(Class<?> at) {
        // link <- java.lang.invoke.* (BootstrapMethodInvoker, CallSite, MethodHandleNatives.linkCallSite) <- at
        Optional<Boolean> ok = WALKER.walk(frames -> {
            boolean[] natives = {false};
            return frames.skip(2) // linkedByJvm, link
                    .filter(f -> {
                        String c = f.getClassName();
                        if (c.startsWith("java.lang.invoke.")) {
                            if (c.equals("java.lang.invoke.MethodHandleNatives") && f.getMethodName().startsWith("linkCallSite")) {
                                natives[0] = true;
                            }
                            return false;
                        }
                        return true;
                    })
                    .findFirst()
                    .map(f -> natives[0] && f.getDeclaringClass() == at);
        });
        return ok.orElse(false);
    }

    private static MethodHandle target(Site s) throws ReflectiveOperationException {
        MethodHandles.Lookup l = Recording.LOOKUP;
        MethodType exitType = MethodType.methodType(void.class, int.class, boolean.class, long.class);
        switch (s.action) {
            case EXIT:
                return MethodHandles.insertArguments(l.findStatic(Recording.class, "exit", exitType), 0, s.a);
            case EXIT_STATUS:
                return MethodHandles.insertArguments(l.findStatic(Recording.class, "exitWithStatus",
                        MethodType.methodType(void.class, int.class, int.class, long.class)), 1, s.a);
            case GPU_EXIT:
                return MethodHandles.insertArguments(l.findStatic(Recording.class, "gpuExit",
                        MethodType.methodType(void.class, int.class, int.class, boolean.class, long.class)), 0, s.a, s.b);
            case GPU_EXIT_STATUS:
                return MethodHandles.insertArguments(l.findStatic(Recording.class, "gpuExitWithStatus",
                        MethodType.methodType(void.class, int.class, int.class, int.class, long.class)), 1, s.a, s.b);
            case CANARY:
                return l.findStatic(Recording.class, "canaryExit",
                        MethodType.methodType(void.class, boolean.class, long.class));
            case EXIT_RUNTIME_CLASS:
                return MethodHandles.insertArguments(IdTemplates.EXIT, 1, s.a);
            case CUDA_LAUNCH:
                return CudaLaunches.LAUNCHED;
            case CUDA_FUNCTION:
                return CudaLaunches.NAMED;
            case CUBLAS:
                return MethodHandles.insertArguments(CudaLaunches.CUBLAS, 1, s.a);
            default:
                throw new IllegalStateException(s.action.name());
        }
    }
}
