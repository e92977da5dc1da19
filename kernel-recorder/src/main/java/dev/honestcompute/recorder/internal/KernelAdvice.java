package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

/** Inlined into every kernel method: a call that returns normally counts, one that throws is a failed call. */
final class KernelAdvice {

    private KernelAdvice() {
    }

    @Advice.OnMethodEnter
    static long enter() {
        return Recording.TIMING ? System.nanoTime() : -1L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@KernelIndex int kernel, @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
        Recording.exit(kernel, thrown != null, start);
    }
}
