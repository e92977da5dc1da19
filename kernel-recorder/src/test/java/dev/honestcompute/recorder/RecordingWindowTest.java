package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.Recording;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingWindowTest {

    @Test
    void countsCallsMadeOnTheWindowThreadAndSeparatesFailures() {
        int matmul = Recording.register("test_matmul", Backend.CPU);
        try (KernelWindow window = KernelRecorder.openWindow("t1", true)) {
            Recording.called(matmul, false, -1);
            Recording.called(matmul, false, -1);
            Recording.called(matmul, true, -1);
            KernelObservations seen = window.observations();
            assertThat(seen.kernels()).containsExactly(new KernelStats("test_matmul", "cpu", 2, 1, -1));
            assertThat(seen.anyKernelRan()).isTrue();
        }
    }

    @Test
    void declaredCpuFeaturesTravelWithEachObservationOfTheVariantThatRan() {
        int avx2 = Recording.register("test_gemm", Backend.CPU_SIMD, List.of(" AVX2", "fma", "avx2"));
        int generic = Recording.register("test_gemm", Backend.CPU_SIMD, List.of());
        assertThat(Recording.register("test_gemm", Backend.CPU_SIMD, List.of("fma", "avx2"))).isEqualTo(avx2);
        assertThat(generic).isNotEqualTo(avx2);
        try (KernelWindow window = KernelRecorder.openWindow("requires", true)) {
            Recording.called(avx2, false, -1);
            assertThat(window.observations().kernels()).containsExactly(
                    new KernelStats("test_gemm", Backend.CPU_SIMD, 1, 0, -1, List.of("avx2", "fma")));
        }
        try (KernelWindow window = KernelRecorder.openWindow("generic", true)) {
            Recording.called(generic, false, -1);
            assertThat(window.observations().kernels()).singleElement()
                    .satisfies(k -> assertThat(k.requires()).isEmpty());
        }
        assertThatThrownBy(() -> Recording.register("test_gemm", Backend.CPU_SIMD, List.of("avx2", " ")))
                .hasMessageContaining("test_gemm").hasMessageContaining("blank required CPU feature");
    }

    @Test
    void aWindowThatSawNothingSaysSo() {
        try (KernelWindow window = KernelRecorder.openWindow("t2", true)) {
            assertThat(window.observations().kernels()).isEmpty();
            assertThat(window.observations().anyKernelRan()).isFalse();
        }
    }

    @Test
    void callsFromAnotherThreadAreUnattributedWhenTwoWindowsAreOpen() throws Exception {
        int k = Recording.register("test_pool_kernel", Backend.CPU_SIMD);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (KernelWindow a = KernelRecorder.openWindow("a", false)) {
            KernelWindow[] b = new KernelWindow[1];
            Thread other = new Thread(() -> b[0] = KernelRecorder.openWindow("b", false));
            other.start();
            other.join();
            pool.submit(() -> Recording.called(k, false, 5)).get();
            assertThat(a.observations().kernels()).isEmpty();
            assertThat(a.observations().unattributedCalls()).isEqualTo(1);
            b[0].close();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void fallbackRejectsBlankReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelRecorder.fallback("cuda", "cpu", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reasonCode");
    }
}
