package dev.honestcompute.recorder.evidence.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls into engines reflectively. The recorder compiles with {@code --release 17} against no engine (Jlama's classes
 * are Java 21 class files, and an engine may live in another class loader than the agent), so every engine type is
 * reached through the object the engine handed to a hook. Not API.
 */
public final class Reflection {

    private Reflection() {
    }

    /** Calls the public method {@code name(types)} on {@code target}; the engine's own exception is rethrown as is. */
    public static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getMethod(name, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Calls a public no-argument method. */
    public static Object call(Object target, String name) throws Exception {
        return call(target, name, new Class<?>[0]);
    }

    /** Calls a public static no-argument method of the class {@code className}, loaded by {@code loader}. */
    public static Object callStatic(ClassLoader loader, String className, String name) throws Exception {
        Class<?> type = Class.forName(className, true, loader);
        try {
            return type.getMethod(name).invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }

    /** Reads a (possibly private) field declared by {@code target}'s class or a superclass; null when unreadable. */
    public static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // e.g. a named module that does not open the package
            }
        }
        return null;
    }

    /** A short description of a failure for a receipt: the exception's simple name and message. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }
}
