package dev.honestcompute.recorder.internal;

/**
 * A test class that declares itself in the recorder's own package to reach its package-private members without
 * reflection. The agent jar is sealed, so the JVM refuses to load it beside the jar's classes.
 */
public final class Squatter {

    private Squatter() {
    }

    public static String peek() {
        return Registry.def(0).id();
    }
}
