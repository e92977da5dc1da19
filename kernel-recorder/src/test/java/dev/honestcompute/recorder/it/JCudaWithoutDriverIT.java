package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real JCuda 12.6.0 Java wrappers on a machine without {@code libcuda.so.1}: every call fails, so no CUDA kernel
 * may ever be reported as executed.
 */
class JCudaWithoutDriverIT {

    @Test
    void aLaunchThatFailsIsNeverAnExecutedKernel() {
        KernelObservations seen;
        Throwable lookup;
        Throwable launch;
        try (KernelWindow window = KernelRecorder.openWindow("JCudaWithoutDriverIT", true)) {
            CUfunction function = new CUfunction();
            lookup = catchThrowable(() -> JCudaDriver.cuModuleGetFunction(function, new CUmodule(), "vecAdd"));
            launch = catchThrowable(() -> JCudaDriver.cuLaunchKernel(function, 1, 1, 1, 1, 1, 1, 0, null, null, null));
            seen = window.observations();
        }
        assertThat(lookup).as("cuModuleGetFunction without a driver").isNotNull();
        assertThat(launch).as("cuLaunchKernel without a driver").isNotNull();
        assertThat(seen.anyKernelRan()).isFalse();
        assertThat(seen.kernels()).allSatisfy(k -> assertThat(k.calls()).isZero());
    }
}
