package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

/** Inlined at the start of every method of mock compute: refuses to run inside a production window. */
final class MockEntryAdvice {

    private MockEntryAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@KernelName String mock) {
        MockGuard.entered(mock);
    }
}
