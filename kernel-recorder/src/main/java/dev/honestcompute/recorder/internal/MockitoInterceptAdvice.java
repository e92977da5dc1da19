package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

import java.lang.reflect.Method;

/** Inlined into Mockito's {@code MockMethodInterceptor.doIntercept}: every mock and spy call passes through it. */
final class MockitoInterceptAdvice {

    private MockitoInterceptAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object mock, @Advice.Argument(1) Method invoked) {
        MockGuard.mockitoCall(mock, invoked);
    }
}
