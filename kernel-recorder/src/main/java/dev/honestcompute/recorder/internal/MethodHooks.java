package dev.honestcompute.recorder.internal;

/** What the agent inserts into one method: checks at entry and at most one recording at exit. */
final class MethodHooks {

    /** How a call's end is recorded. */
    enum Exit {
        /** Nothing at exit. */
        NONE,
        /** {@code Recording.exit(index, thrown, start)}: a kernel that succeeds when it returns. */
        KERNEL,
        /** Like {@link #KERNEL}, but success also needs the {@code int} result to be 0. */
        ZERO_STATUS,
        /** Like {@link #KERNEL}, with {@code index} a kernel id template resolved per runtime class of {@code this}. */
        RUNTIME_CLASS,
        /** JCuda {@code cuLaunchKernel}: a launch of the function named earlier, successful when it returned 0. */
        CUDA_LAUNCH,
        /** JCuda {@code cuModuleGetFunction}: remembers the function's name when it returned 0. */
        CUDA_FUNCTION
    }

    /** {@code MockGuard.entered(mockName)} at entry, or {@code null}. */
    String mockName;
    /** {@code MockGuard.mockitoCall(arg0, arg1)} at entry (Mockito's interceptor). */
    boolean mockitoIntercept;
    Exit exit = Exit.NONE;
    /** Kernel index, or template index for {@link Exit#RUNTIME_CLASS}. */
    int index;

    MethodHooks exit(Exit kind, int kernelOrTemplate) {
        this.exit = kind;
        this.index = kernelOrTemplate;
        return this;
    }

    /** Whether the entry time is kept in a new local variable for the exit. */
    boolean keepsStart() {
        return exit == Exit.KERNEL || exit == Exit.ZERO_STATUS || exit == Exit.RUNTIME_CLASS
                || exit == Exit.CUDA_LAUNCH;
    }

    /** Whether a call that throws is recorded (by a catch-all handler around the body that rethrows). */
    boolean recordsThrows() {
        return keepsStart();
    }
}
