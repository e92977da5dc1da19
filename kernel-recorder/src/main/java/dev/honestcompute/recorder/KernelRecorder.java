package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.Recording;

/**
 * The recorder's public face: recording windows, fallback reports and the recorder's status.
 *
 * <p>Kernel calls reach a window only through the agent's instrumentation of code that really executed; there is
 * deliberately no method here that adds a kernel.
 *
 * <p>Attribution rules: a kernel call made on a thread that opened a window counts in that window. A call made on
 * another thread (an engine-owned pool) counts in the only open window when exactly one is open; when several
 * windows are open at once (parallel tests) it is not guessed: every open window reports it as an unattributed call.
 *
 * <pre>{@code
 * if (!cudaAvailable) {
 *     KernelRecorder.fallback("cuda", "cpu-simd", "CUDA_DRIVER_MISSING");
 * }
 * }</pre>
 */
public final class KernelRecorder {

    private KernelRecorder() {
    }

    /**
     * Opens a recording window bound to the calling thread.
     *
     * @param owner      who the window is for, e.g. a test's unique id
     * @param production whether mock compute reached inside it is a leak
     */
    public static KernelWindow openWindow(String owner, boolean production) {
        return Recording.open(owner, production);
    }

    /** Reports an honest downgrade from {@code requested} to {@code effective}; lands in the open window's receipt. */
    public static void fallback(String requested, String effective, String reasonCode) {
        fallback(requested, effective, reasonCode, "");
    }

    /** Reports an honest downgrade with a human-readable detail. */
    public static void fallback(String requested, String effective, String reasonCode, String detail) {
        Recording.fallback(new Fallback(require(requested, "requested"), require(effective, "effective"),
                require(reasonCode, "reasonCode"), detail == null ? "" : detail));
    }

    /** Whether the recorder agent is installed and its canary was observed. */
    public static boolean isActive() {
        return Recording.isActive();
    }

    /** The JVM argument that loads the recorder agent, for error messages. */
    public static String activationHint() {
        return "add -javaagent:${dev.honestcompute:kernel-recorder:jar} to the Surefire/Failsafe argLine "
                + "(with maven-dependency-plugin:properties), see docs/agent-setup.md";
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("KernelRecorder.fallback: '" + name + "' must be a non-blank string");
        }
        return value;
    }
}
