package dev.honestcompute.recorder.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Code that tries to write evidence the recorder did not observe: a class outside the agent's jar that references
 * the recorder's runtime (by class, member or a string naming it, which is how reflection starts) or declares itself
 * in the recorder's packages, a refused call-site link, refused reflective access to Honest Compute's own code. The
 * windows in which such code was loaded or ran fail (rule HC027), naming the class, the member and the remedy.
 */
public final class Forgeries {

    private static final int MAX = 256;
    private static final List<String> ALL = new CopyOnWriteArrayList<>();
    private static final Object LOCK = new Object();
    private static final List<String> CLASSES = new ArrayList<>();

    private Forgeries() {
    }

    /** A forging class was loaded; returns the index its inserted {@link #ran} calls pass. */
    static int loaded(String className, String location, String what) {
        String message = className + (location.isEmpty() ? "" : " (from " + location + ")") + " " + what
                + "; only the recorder agent may reach its runtime: remove this code (tests observe kernels through"
                + " @EmitsReceipt and KernelRecorder, never by calling the recorder's internals)";
        int index;
        synchronized (LOCK) {
            index = CLASSES.size();
            CLASSES.add(message);
        }
        note(message);
        mark(message);
        return index;
    }

    /** Called by code the agent inserts at the entry of every method of a forging class. Only fails windows. */
    public static void ran(int index) {
        String message;
        synchronized (LOCK) {
            message = index >= 0 && index < CLASSES.size() ? CLASSES.get(index) : "forging code " + index;
        }
        mark(message);
    }

    /** Something was refused: {@code who} tried to reach {@code what}. */
    static void refused(Class<?> who, String what, String why) {
        String location = who == null ? "" : LibraryCode.location(who);
        String message = (who == null ? "unknown code" : who.getName()) + (location.isEmpty() ? "" : " (from "
                + location + ")") + " tried to use " + what + ": " + why + "; remove this code: evidence comes only"
                + " from the recorder's instrumentation of code that ran";
        note(message);
        mark(message);
    }

    private static void note(String message) {
        if (ALL.size() < MAX && !ALL.contains(message)) {
            ALL.add(message);
        }
        System.err.println("[honest-compute] FORGERY: " + message);
    }

    /**
     * The windows the current work belongs to. Work no window context reaches is listed JVM-wide ({@link #all()})
     * but fails no window: it cannot change what any window counted, and blaming every open window would fail
     * honest tests that merely run beside it.
     */
    private static void mark(String message) {
        Node n = Recording.current();
        if (n != null) {
            n.forgery(message);
        }
    }

    /** Every forgery seen in this JVM so far. */
    public static List<String> all() {
        return List.copyOf(ALL);
    }
}
