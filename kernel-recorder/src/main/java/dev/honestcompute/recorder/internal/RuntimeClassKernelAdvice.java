package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

/**
 * For config entries whose id names the runtime class ({@code {class}}, {@code {simpleClass}}) on an instance
 * method that subclasses may inherit: the kernel index is resolved per runtime class (a {@code ClassValue} lookup).
 */
final class RuntimeClassKernelAdvice {

    private RuntimeClassKernelAdvice() {
    }

    @Advice.OnMethodEnter
    static long enter() {
        return Recording.TIMING ? System.nanoTime() : -1L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@KernelIndex int template, @Advice.This Object self, @Advice.Enter long start,
                     @Advice.Thrown Throwable thrown) {
        Recording.exit(IdTemplates.kernelFor(template, self.getClass()), thrown != null, start);
    }
}
