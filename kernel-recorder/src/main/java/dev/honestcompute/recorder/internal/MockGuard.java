package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.MockComputeLeakError;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a call into mock compute is a leak, records it in every enclosing production window at once (so
 * catching the error changes nothing), and builds the {@link MockComputeLeakError}.
 *
 * <ul>
 *   <li>A {@code @MockCompute} method or a class of a configured mock package, reached inside a production window.</li>
 *   <li>Any Mockito mock or spy, whatever type it mocks, called from code that is not the test's own (not loaded from
 *   the test class's code source) inside a production window.</li>
 *   <li>On a thread no window context reaches, a call of mock compute or of a Mockito mock of a type with kernels
 *   cannot be attributed: it fails every open production window.</li>
 * </ul>
 */
public final class MockGuard {

    /** System property with a comma list of packages whose classes are mock compute. */
    public static final String MOCK_PACKAGES = "honestcompute.mock.packages";

    /** Classes in which the agent instrumented kernel methods (from {@code @Kernel} or the kernels config). */
    private static final Set<String> KERNEL_CLASSES = ConcurrentHashMap.newKeySet();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

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

    /** Called on entry to a {@code @MockCompute} or mock-package method. Public: it can only fail windows. */
    public static void entered(String mock) {
        Node n = Recording.current();
        if (n != null) {
            if (n.production) {
                throw leak(n, mock, null);
            }
            return;
        }
        unattributed(mock);
    }

    /** Called for every Mockito mock or spy invocation. Public: it can only fail windows. */
    public static void mockitoCall(Object mock, Method invoked) {
        if (mock == null) {
            return;
        }
        Class<?> type = mock.getClass();
        Node n = Recording.current();
        if (n == null) {
            if (!Recording.open().isEmpty() && HAS_KERNELS.get(type)) {
                unattributed("Mockito mock or spy of " + mockedTypeName(type) + " (a type with kernel methods)");
            }
            return;
        }
        if (!n.production) {
            return;
        }
        String what = "Mockito mock or spy of " + mockedTypeName(type)
                + (HAS_KERNELS.get(type) ? " (a type with kernel methods)" : "") + ", method "
                + (invoked == null ? "?" : invoked.getName());
        if (HAS_KERNELS.get(type)) {
            throw leak(n, what, type);
        }
        Class<?> caller = callerOf(type);
        if (caller != null && !n.testLocation.isEmpty() && !n.testLocation.equals(LibraryCode.location(caller))) {
            throw leak(n, what, type);
        }
    }

    private static void unattributed(String mock) {
        String message = mock + " was called on thread '" + Thread.currentThread().getName() + "', which no recording"
                + " window's work reaches, while production windows were open; it cannot be told apart from their "
                + "compute. Run mocks only in non-production tests, or carry the window to the thread "
                + "(KernelRecorder.wrap)";
        for (Node open : Recording.open()) {
            if (open.production) {
                open.leak(message);
            }
        }
    }

    /** The first frame that is neither the mock's own machinery nor the JDK's reflection: who called the mock. */
    private static Class<?> callerOf(Class<?> mockType) {
        Set<String> mockClasses = mockClasses(mockType);
        return WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !machinery(c.getName(), mockClasses))
                .findFirst()
                .orElse(null));
    }

    private static Set<String> mockClasses(Class<?> mockType) {
        Set<String> out = new HashSet<>();
        for (Class<?> t = mockType; t != null && t != Object.class; t = t.getSuperclass()) {
            out.add(t.getName());
        }
        return out;
    }

    private static boolean machinery(String c, Set<String> mockClasses) {
        return mockClasses.contains(c) || c.contains("$MockitoMock$") || c.startsWith("org.mockito.")
                || c.startsWith("net.bytebuddy.") || c.startsWith("dev.honestcompute.recorder.shaded.")
                || c.startsWith("dev.honestcompute.recorder.internal.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("java.lang.invoke.") || c.startsWith("jdk.internal.") || c.startsWith("sun.reflect.");
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
     * Records the leak in {@code window} and every enclosing window, and builds the error.
     *
     * @param mockType the mock's runtime class when known: Mockito's inline mocks run inside the mocked class's own
     *                 methods, so frames of that class (and its superclasses) are the mock, not the caller
     */
    private static MockComputeLeakError leak(Node window, String mock, Class<?> mockType) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        StackTraceElement[] stripped = Arrays.stream(stack)
                .filter(f -> !f.getClassName().startsWith("dev.honestcompute.recorder.internal."))
                .toArray(StackTraceElement[]::new);
        StackTraceElement caller = productionFrame(stripped, mockClasses(mockType));
        String message = "Mock compute leaked into production window '" + window.owner + "': " + mock
                + " was called from " + (caller == null ? "an unknown frame" : caller)
                + ". A test whose receipt must be real has to run the real kernels: remove the mock from this path, "
                + "or run the test without a production receipt.";
        window.leak(message);
        MockComputeLeakError error = new MockComputeLeakError(message);
        error.setStackTrace(stripped);
        return error;
    }

    private static StackTraceElement productionFrame(StackTraceElement[] frames, Set<String> mockClasses) {
        if (frames.length == 0) {
            return null;
        }
        Set<String> skip = new HashSet<>(mockClasses);
        skip.add(frames[0].getClassName());
        for (StackTraceElement f : frames) {
            if (!machinery(f.getClassName(), skip)) {
                return f;
            }
        }
        return null;
    }
}
