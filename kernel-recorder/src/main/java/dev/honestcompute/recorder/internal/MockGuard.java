package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.MockComputeLeakError;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Decides whether a call into mock compute is a leak, and builds the {@link MockComputeLeakError}. */
public final class MockGuard {

    /** System property with a comma list of packages whose classes are mock compute. */
    public static final String MOCK_PACKAGES = "honestcompute.mock.packages";

    /** Classes in which the agent instrumented kernel methods (from {@code @Kernel} or the kernels config). */
    private static final Set<String> KERNEL_CLASSES = ConcurrentHashMap.newKeySet();

    private static final ClassValue<Boolean> HAS_KERNELS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return hasKernels(type);
        }
    };

    private MockGuard() {
    }

    static void kernelClass(String name) {
        KERNEL_CLASSES.add(name);
    }

    /** Called on entry to a {@code @MockCompute} or mock-package method. */
    public static void entered(String mock) {
        KernelWindow window = Recording.currentProductionWindow();
        if (window != null) {
            throw leak(window, mock, null);
        }
        Recording.countIfAmbiguous();
    }

    /** Called for every Mockito mock or spy invocation. */
    public static void mockitoCall(Object mock, Method invoked) {
        if (mock == null) {
            return;
        }
        KernelWindow window = Recording.currentProductionWindow();
        if (window == null) {
            if (HAS_KERNELS.get(mock.getClass())) {
                Recording.countIfAmbiguous();
            }
            return;
        }
        Class<?> type = mock.getClass();
        if (HAS_KERNELS.get(type)) {
            throw leak(window, "Mockito mock or spy of " + mockedTypeName(type) + " (a type with kernel methods), method "
                    + (invoked == null ? "?" : invoked.getName()), type);
        }
    }

    private static String mockedTypeName(Class<?> type) {
        Class<?> t = type;
        while (t != null && t.getName().contains("$MockitoMock$")) {
            Class<?>[] interfaces = t.getInterfaces();
            t = t.getSuperclass() == Object.class && interfaces.length > 0 ? interfaces[0] : t.getSuperclass();
        }
        return t == null ? type.getName() : t.getName();
    }

    private static boolean hasKernels(Class<?> type) {
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            if (declaresKernels(t)) {
                return true;
            }
            for (Class<?> i : t.getInterfaces()) {
                if (hasKernels(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean declaresKernels(Class<?> t) {
        if (KERNEL_CLASSES.contains(t.getName())) {
            return true;
        }
        try {
            for (Method m : t.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Kernel.class)) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
    }

    /**
     * @param mockType the mock's runtime class when known: Mockito's inline mocks run inside the mocked class's own
     *                 methods, so frames of that class (and its superclasses) are the mock, not the caller
     */
    private static MockComputeLeakError leak(KernelWindow window, String mock, Class<?> mockType) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        StackTraceElement[] stripped = Arrays.stream(stack)
                .filter(f -> !f.getClassName().startsWith("dev.honestcompute.recorder.internal."))
                .toArray(StackTraceElement[]::new);
        Set<String> mockClasses = new java.util.HashSet<>();
        for (Class<?> t = mockType; t != null && t != Object.class; t = t.getSuperclass()) {
            mockClasses.add(t.getName());
        }
        StackTraceElement caller = productionFrame(stripped, mockClasses);
        MockComputeLeakError error = new MockComputeLeakError("Mock compute leaked into production window '"
                + window.owner() + "': " + mock + " was called from " + (caller == null ? "an unknown frame" : caller)
                + ". A test whose receipt must be real has to run the real kernels: remove the mock from this path, "
                + "or run the test without a production receipt.");
        error.setStackTrace(stripped);
        return error;
    }

    private static StackTraceElement productionFrame(StackTraceElement[] frames, Set<String> mockClasses) {
        if (frames.length == 0) {
            return null;
        }
        String mockClass = frames[0].getClassName();
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.equals(mockClass) || mockClasses.contains(c) || c.contains("$MockitoMock$") || c.startsWith("org.mockito.")
                    || c.startsWith("net.bytebuddy.") || c.startsWith("dev.honestcompute.recorder.shaded.")
                    || c.startsWith("java.lang.reflect.") || c.startsWith("java.lang.invoke.")
                    || c.startsWith("jdk.internal.") || c.startsWith("sun.reflect.")) {
                continue;
            }
            return f;
        }
        return null;
    }
}
