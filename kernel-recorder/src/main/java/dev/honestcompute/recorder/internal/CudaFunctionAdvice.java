package dev.honestcompute.recorder.internal;

import net.bytebuddy.asm.Advice;

/** Inlined into JCuda's {@code cuModuleGetFunction(CUfunction, CUmodule, String)} Java wrapper. */
final class CudaFunctionAdvice {

    private CudaFunctionAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Argument(0) Object function, @Advice.Argument(2) String name,
                     @Advice.Return int status, @Advice.Thrown Throwable thrown) {
        CudaLaunches.functionNamed(function, name, thrown == null && status == 0);
    }
}
