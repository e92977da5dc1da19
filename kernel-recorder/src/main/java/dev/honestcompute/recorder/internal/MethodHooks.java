package dev.honestcompute.recorder.internal;

/** What the agent inserts into one method: checks at entry, and how a call's end is recorded. */
final class MethodHooks {

    /** {@code MockGuard.entered(mockName)} at entry, or {@code null}. */
    String mockName;
    /** {@code MockGuard.mockitoCall(arg0, arg1)} at entry (Mockito's interceptor). */
    boolean mockitoIntercept;
    /** {@code Forgeries.ran(index)} at entry, or -1. */
    int forgery = -1;
    /**
     * The call site recorded before every return and in a catch-all handler (a kernel), or {@code null}. The entry
     * value kept in a new local is the start time, or for GPU kernels the thread's device-launch mark.
     */
    Linkage.Action exit;
    /**
     * For the driver probes: the {@code native} method whose call is recorded right where it returns
     * ({@code cuLaunchKernelNative}), or {@code null}. The wrapper itself records nothing else.
     */
    String nativeCall;
    Linkage.Action nativeAction;
    /** The planned call site of {@link #exit} or {@link #nativeAction}. */
    int site = -1;

    MethodHooks exit(Linkage.Action action, int plannedSite) {
        this.exit = action;
        this.site = plannedSite;
        return this;
    }

    MethodHooks atNativeCall(String nativeMethod, Linkage.Action action, int plannedSite) {
        this.nativeCall = nativeMethod;
        this.nativeAction = action;
        this.site = plannedSite;
        return this;
    }

    /** Whether a GPU kernel: its entry keeps the launch mark, not a time. */
    boolean gpu() {
        return exit == Linkage.Action.GPU_EXIT || exit == Linkage.Action.GPU_EXIT_STATUS;
    }

    /** Whether the entry value is kept in a new local for the exit. */
    boolean keepsStart() {
        return exit != null || nativeAction == Linkage.Action.CUDA_LAUNCH || nativeAction == Linkage.Action.CUBLAS;
    }

    /** Whether a call that throws is recorded (by a catch-all handler around the body that rethrows). */
    boolean recordsThrows() {
        return exit != null;
    }
}
