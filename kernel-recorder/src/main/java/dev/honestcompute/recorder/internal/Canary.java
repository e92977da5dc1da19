package dev.honestcompute.recorder.internal;

/**
 * A method the agent always instruments (as the reserved canary kernel). Calling it after install proves that
 * instrumentation and inlined advice really work; windows never show it.
 */
final class Canary {

    private Canary() {
    }

    /** Instrumented by the agent with the canary kernel index; the body is deliberately empty. */
    static void ping() {
        // The inlined advice around this empty body is the whole point.
    }
}
