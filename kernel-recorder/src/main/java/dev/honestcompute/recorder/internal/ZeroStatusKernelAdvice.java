package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

/** For launch wrappers returning an {@code int} status: success only when it returned 0 and did not throw. */
final class ZeroStatusKernelAdvice {

    private ZeroStatusKernelAdvice() {
    }

    @Advice.OnMethodEnter
    static long enter() {
        return Recording.TIMING ? System.nanoTime() : -1L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@KernelIndex int kernel, @Advice.Enter long start, @Advice.Thrown Throwable thrown,
                     @Advice.Return int status) {
        Recording.exit(kernel, thrown != null || status != 0, start);
    }
}
