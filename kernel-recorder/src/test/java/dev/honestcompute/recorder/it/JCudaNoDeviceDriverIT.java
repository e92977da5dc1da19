package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real JCuda 12.6.0 Java wrappers and JNI library against a driver that has no device: a {@code libcuda.so.1}
 * built here whose every entry point returns {@code CUDA_ERROR_NO_DEVICE} (100), like a host without a GPU. Runs in
 * its own JVM (Failsafe execution {@code agent-cuda-no-device}) because the stub must be loaded before JCuda.
 *
 * <p>Needs {@code gcc} to build the stub; without it this test fails and says so (it never skips).
 */
class JCudaNoDeviceDriverIT {

    static final int CUDA_ERROR_NO_DEVICE = 100;

    @BeforeAll
    static void loadNoDeviceDriver() throws Exception {
        Path dir = Path.of("target", "cuda-no-device");
        Files.createDirectories(dir);
        List<String> symbols;
        try (InputStream in = JCudaNoDeviceDriverIT.class.getResourceAsStream("/jcuda-12.6.0-driver-symbols.txt")) {
            symbols = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(s -> !s.isBlank())
                    .toList();
        }
        StringBuilder c = new StringBuilder("/* Generated: a CUDA driver with no device. */\n");
        for (String symbol : symbols) {
            c.append("int ").append(symbol).append("(void) { return ").append(CUDA_ERROR_NO_DEVICE).append("; }\n");
        }
        Path source = dir.resolve("cuda_no_device.c");
        Files.writeString(source, c.toString());
        Path lib = dir.resolve("libcuda.so.1").toAbsolutePath();
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-Wl,-soname,libcuda.so.1", "-o", lib.toString(),
                    source.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("JCudaNoDeviceDriverIT needs gcc on the PATH to build a no-device libcuda.so.1 stub (" + e.getMessage()
                    + "); install gcc or deselect this test explicitly");
            return;
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).as("gcc finished").isTrue();
        assertThat(gcc.exitValue()).as("gcc building the stub driver: " + output).isZero();
        System.load(lib.toString()); // JCuda's JNI library now finds "libcuda.so.1" by its SONAME
    }

    @Test
    void aLaunchReturningAnErrorCodeIsAFailedLaunchNeverAnExecutedKernel() {
        KernelObservations seen;
        try (KernelWindow window = KernelRecorder.openWindow("JCudaNoDeviceDriverIT#errorCode", true)) {
            CUfunction function = new CUfunction();
            assertThat(JCudaDriver.cuModuleGetFunction(function, new CUmodule(), "vecAdd"))
                    .isEqualTo(CUDA_ERROR_NO_DEVICE);
            assertThat(JCudaDriver.cuLaunchKernel(function, 1, 1, 1, 32, 1, 1, 0, null, null, null))
                    .isEqualTo(CUDA_ERROR_NO_DEVICE);
            seen = window.observations();
        }
        // The failed lookup named nothing, so the launch cannot be named either; it is counted as failed.
        assertThat(Seen.lines(seen.kernels())).containsExactly("cuda:<unnamed function> cuda 0/1");
        assertThat(seen.kernels().get(0).evidence()).as("observed where the native launch returned").isEqualTo("driver");
        assertThat(seen.anyKernelRan()).isFalse();
    }

    @Test
    void aLaunchThatThrowsIsAFailedLaunch() {
        JCudaDriver.setExceptionsEnabled(true);
        try (KernelWindow window = KernelRecorder.openWindow("JCudaNoDeviceDriverIT#throws", true)) {
            assertThatThrownBy(() -> JCudaDriver.cuLaunchKernel(new CUfunction(), 1, 1, 1, 32, 1, 1, 0, null, null,
                    null)).isInstanceOf(CudaException.class).hasMessageContaining("CUDA_ERROR_NO_DEVICE");
            assertThat(window.observations().kernels()).singleElement().satisfies(k -> {
                assertThat(k.backend()).isEqualTo(Backend.CUDA);
                assertThat(k.calls()).isZero();
                assertThat(k.failedCalls()).isEqualTo(1);
            });
        } finally {
            JCudaDriver.setExceptionsEnabled(false);
        }
    }
}
