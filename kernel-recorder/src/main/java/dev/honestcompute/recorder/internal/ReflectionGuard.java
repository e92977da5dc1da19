package dev.honestcompute.recorder.internal;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;

/**
 * Refuses reflection into Honest Compute's own code by anyone else: {@code setAccessible} / {@code trySetAccessible}
 * on a non-public member (or a member of a non-public class) of a library class, and
 * {@code MethodHandles.privateLookupIn} into one, when the code asking is not the library's. The JDK's and Jackson's
 * frames are looked through, so the library serializing its own records is allowed and a test using Jackson to build
 * one is not; JUnit may construct the library's extensions. Every refusal is a forgery (rule HC027).
 */
final class ReflectionGuard {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private ReflectionGuard() {
    }

    static boolean denied(Object member, Class<?> caller, Class<?> declaringClass, boolean throwIfDenied) {
        if (declaringClass == null || !declaringClass.getName().startsWith("dev.honestcompute.")
                || BUSY.get() != null) {
            return false;
        }
        BUSY.set(Boolean.TRUE);
        try {
            if (!LibraryCode.isLibrary(declaringClass) || harmless(member, declaringClass)) {
                return false;
            }
            Class<?> initiator = initiator();
            if (initiator == null || LibraryCode.isLibrary(initiator) || junitBuildsExtension(caller, member)) {
                return false;
            }
            String what = "reflective access to " + member;
            Forgeries.refused(initiator, what, "setAccessible on Honest Compute's own non-public code is refused");
            if (throwIfDenied) {
                throw new InaccessibleObjectException("Honest Compute refuses " + what + " by " + initiator.getName()
                        + ": the recorder's and the receipts' private state is not for tests to change; observe"
                        + " kernels through @EmitsReceipt and KernelRecorder instead");
            }
            return true;
        } finally {
            BUSY.remove();
        }
    }

    static void privateLookup(Class<?> target, MethodHandles.Lookup caller) throws IllegalAccessException {
        if (target == null || caller == null || !target.getName().startsWith("dev.honestcompute.")
                || BUSY.get() != null) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            if (!LibraryCode.isLibrary(target) || LibraryCode.isLibrary(caller.lookupClass())) {
                return;
            }
            String what = "MethodHandles.privateLookupIn(" + target.getName() + ")";
            Forgeries.refused(caller.lookupClass(), what, "private access to Honest Compute's own code is refused");
            throw new IllegalAccessException("Honest Compute refuses " + what + " by " + caller.lookupClass().getName()
                    + ": observe kernels through @EmitsReceipt and KernelRecorder instead");
        } finally {
            BUSY.remove();
        }
    }

    private static boolean harmless(Object member, Class<?> declaringClass) {
        if (!(member instanceof Member)) {
            return false;
        }
        if (!Modifier.isPublic(((Member) member).getModifiers())) {
            return false;
        }
        for (Class<?> c = declaringClass; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The first frame that is not the JDK's or Jackson's: who asked for the access. */
    private static Class<?> initiator() {
        return WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !looksThrough(c.getName()))
                .findFirst()
                .orElse(null));
    }

    static boolean looksThrough(String c) {
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun.")
                || c.startsWith("com.fasterxml.jackson.") || c.equals(ReflectionGuard.class.getName())
                || c.equals(Propagation.class.getName()) || c.equals(FileGuard.class.getName())
                || c.startsWith("dev.honestcompute.recorder.boot.");
    }

    /** JUnit instantiating one of the library's (package-private) extensions or listeners. */
    private static boolean junitBuildsExtension(Class<?> caller, Object member) {
        if (caller == null || !caller.getName().startsWith("org.junit.")
                || !(member instanceof java.lang.reflect.Constructor)) {
            return false;
        }
        return implementsJUnitType(((java.lang.reflect.Constructor<?>) member).getDeclaringClass());
    }

    private static boolean implementsJUnitType(Class<?> c) {
        for (Class<?> t = c; t != null && t != Object.class; t = t.getSuperclass()) {
            for (Class<?> i : t.getInterfaces()) {
                String n = i.getName();
                if (n.startsWith("org.junit.jupiter.api.extension.") || n.startsWith("org.junit.platform.launcher.")
                        || implementsJUnitType(i)) {
                    return true;
                }
            }
        }
        return false;
    }
}
