package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

/** Inlined into JCuda's {@code cuLaunchKernel} Java wrapper (never the native method). */
final class CudaLaunchAdvice {

    private CudaLaunchAdvice() {
    }

    @Advice.OnMethodEnter
    static long enter() {
        return Recording.TIMING ? System.nanoTime() : -1L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Argument(0) Object function, @Advice.Enter long start, @Advice.Return int status,
                     @Advice.Thrown Throwable thrown) {
        CudaLaunches.launched(function, thrown != null || status != 0, start);
    }
}
