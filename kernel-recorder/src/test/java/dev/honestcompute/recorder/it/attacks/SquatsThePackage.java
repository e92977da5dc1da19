package dev.honestcompute.recorder.it.attacks;

/** Loads a test class that declared itself in the recorder's own package (see its Javadoc). */
public final class SquatsThePackage {

    private SquatsThePackage() {
    }

    public static Object attack() throws Throwable {
        return Class.forName("dev.honestcompute.recorder.internal.Squatter").getMethod("peek").invoke(null);
    }
}
