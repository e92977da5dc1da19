package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Fallback;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CudaBackendFallbackTest {

    @Test
    void withoutTheDriverLibraryTheCudaBackendRunsOnSimdAndReportsCudaDriverMissing() throws IOException {
        CudaBackend backend = withDriverLibrary("libhonestcompute-no-such-cuda-driver.so.1", CudaBackend::create);
        assertThat(backend.gpuAvailable()).isFalse();
        assertThat(backend.fallbackReason()).isEqualTo("CUDA_DRIVER_MISSING");
        assertThat(backend.fallbackDetail()).contains("libhonestcompute-no-such-cuda-driver.so.1")
                .contains("install the NVIDIA driver");
        assertThat(backend.effectiveBackend()).isEqualTo(Backend.CPU_SIMD);

        LlamaModel model = LlamaModel.loadHf(TinyModels.hf());
        float[][] logits;
        KernelObservations seen;
        try (KernelWindow window = KernelRecorder.openWindow("CudaBackendFallbackTest", true)) {
            logits = TinyModels.promptLogits(new LlamaEngine(model, backend), TinyModels.PROMPT);
            seen = window.observations();
        }
        assertThat(seen.fallbacks()).hasSize(1);
        Fallback f = seen.fallbacks().get(0);
        assertThat(f.requested()).isEqualTo(Backend.CUDA);
        assertThat(f.effective()).isEqualTo(Backend.CPU_SIMD);
        assertThat(f.reasonCode()).isEqualTo("CUDA_DRIVER_MISSING");
        // the fallback really computed: same numbers as the SIMD backend
        assertThat(logits).isDeepEqualTo(TinyModels.promptLogits(new LlamaEngine(model, ComputeBackend.simd()),
                TinyModels.PROMPT));
    }

    @Test
    void aLibraryThatIsNotTheCudaDriverIsReportedAsMissingSymbols() {
        CudaBackend backend = withDriverLibrary("libc.so.6", CudaBackend::create);
        assertThat(backend.gpuAvailable()).isFalse();
        assertThat(backend.fallbackReason()).isEqualTo("CUDA_DRIVER_SYMBOL_MISSING");
        assertThat(backend.fallbackDetail()).contains("libc.so.6 has no symbol cuInit");
    }

    /**
     * The default backend on this host: with libcuda.so.1 it must really run on the GPU and match SIMD; without it
     * it must say so with a reason code. Either way the test checks something (here: no driver, so the fallback).
     */
    @Test
    void theDefaultCudaBackendEitherRunsOnTheGpuOrReportsWhyNot() throws IOException {
        ComputeBackend backend = ComputeBackend.cuda();
        LlamaModel model = LlamaModel.loadHf(TinyModels.hf());
        float[][] simd = TinyModels.promptLogits(new LlamaEngine(model, ComputeBackend.simd()), TinyModels.PROMPT);
        List<Fallback> fallbacks;
        float[][] logits;
        try (KernelWindow window = KernelRecorder.openWindow("CudaBackendFallbackTest.default", true)) {
            logits = TinyModels.promptLogits(new LlamaEngine(model, backend), TinyModels.PROMPT);
            fallbacks = window.observations().fallbacks();
        }
        if (((CudaBackend) backend).gpuAvailable()) {
            assertThat(backend.effectiveBackend()).isEqualTo(Backend.CUDA);
            assertThat(fallbacks).isEmpty();
            assertThat(Logits.firstMismatch(logits, simd, 1e-5, 1.3e-6)).isNull();
        } else {
            assertThat(backend.effectiveBackend()).isEqualTo(Backend.CPU_SIMD);
            assertThat(fallbacks).extracting(Fallback::reasonCode).containsExactly(((CudaBackend) backend).fallbackReason());
            assertThat(fallbacks.get(0).reasonCode()).startsWith("CUDA_");
            assertThat(backend.toString()).contains("fallback to cpu-simd");
            assertThat(logits).isDeepEqualTo(simd);
        }
    }

    private static <T> T withDriverLibrary(String library, Supplier<T> action) {
        String before = System.getProperty(CudaDriver.LIBRARY_PROPERTY);
        System.setProperty(CudaDriver.LIBRARY_PROPERTY, library);
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(CudaDriver.LIBRARY_PROPERTY);
            } else {
                System.setProperty(CudaDriver.LIBRARY_PROPERTY, before);
            }
        }
    }
}
