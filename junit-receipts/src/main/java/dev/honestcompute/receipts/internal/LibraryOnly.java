package dev.honestcompute.receipts.internal;

import dev.honestcompute.recorder.RecorderAgent;

/**
 * Guards the entry points that write evidence (receipt sections, the receipt writer, the session's receipt list):
 * only Honest Compute's own code may call them, recognized by where it was loaded from. A test that calls one, directly
 * or by reflection, gets an {@link IllegalCallerException} naming what it may do instead.
 */
public final class LibraryOnly {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private LibraryOnly() {
    }

    /**
     * Throws unless the caller of the method that calls this is library code.
     *
     * @param what    the guarded operation, e.g. "ReceiptSections.put(PERFORMANCE, ...)"
     * @param instead what test code should do instead
     */
    public static void check(String what, String instead) {
        Class<?> caller = WALKER.walk(frames -> frames.skip(2).findFirst()
                .map(StackWalker.StackFrame::getDeclaringClass).orElse(null));
        if (caller == null || !RecorderAgent.isLibraryCode(caller)) {
            throw new IllegalCallerException("Honest Compute: " + what + " is written only by Honest Compute's own "
                    + "extensions from what they measured, and " + (caller == null ? "unknown code" : caller.getName())
                    + " is not one of them; " + instead);
        }
    }
}
