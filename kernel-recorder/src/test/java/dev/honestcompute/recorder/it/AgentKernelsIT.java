package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs with {@code -javaagent:} on the packaged, shaded jar (Failsafe execution {@code agent-premain}). */
class AgentKernelsIT {

    private final ToyKernels toy = new ToyKernels();
    private final float[] a = {1, 2, 3};
    private final float[] b = {4, 5, 6};

    @Test
    void theAgentLoadedByJavaagentIsActiveAfterItsCanary() {
        assertThat(RecorderAgent.installedBy()).isEqualTo("premain");
        assertThat(KernelRecorder.isActive()).isTrue();
        assertThat(RecorderAgent.transformErrors()).isEmpty();
        assertThat(RecorderAgent.installMillis()).isPositive(); // its speed is a JMH figure (AgentInstallBenchmark)
        assertThat(RecorderAgent.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .endsWith(".jar");
    }

    @Test
    void annotatedKernelCallsAreCountedPerWindowAndTheCanaryIsHidden() {
        try (KernelWindow first = KernelRecorder.openWindow("first", true)) {
            assertThat(toy.dot(a, b)).isEqualTo(32f);
            toy.dot(a, b);
            toy.notAKernel(1f);
            KernelObservations seen = first.observations();
            assertThat(seen.kernels()).containsExactly(
                    new KernelStats("toy.dot", Backend.CPU_SIMD, 2, 0, -1, List.of("avx2")));
            assertThat(seen.recorderActive()).isTrue();
        }
        try (KernelWindow second = KernelRecorder.openWindow("second", true)) {
            toy.dot(a, b);
            assertThat(second.observations().kernels())
                    .containsExactly(new KernelStats("toy.dot", Backend.CPU_SIMD, 1, 0, -1, List.of("avx2")));
        }
    }

    @Test
    void callsOutsideAnyWindowAreNotCountedAnywhere() {
        toy.dot(a, b);
        try (KernelWindow window = KernelRecorder.openWindow("after", true)) {
            assertThat(window.observations().kernels()).isEmpty();
            assertThat(window.observations().anyKernelRan()).isFalse();
        }
    }

    @Test
    void aKernelThatThrowsIsAFailedCallNotAnExecutedOne() {
        try (KernelWindow window = KernelRecorder.openWindow("throws", true)) {
            assertThatThrownBy(() -> toy.checkedDot(a, new float[2])).isInstanceOf(IllegalArgumentException.class);
            assertThat(window.observations().kernels())
                    .containsExactly(new KernelStats("toy.checked_dot", Backend.CPU, 0, 1, -1));
            assertThat(window.observations().anyKernelRan()).isFalse();
        }
    }

    @Test
    void aLaunchWrapperCountsOnlyWhenItReturnedZero() {
        try (KernelWindow window = KernelRecorder.openWindow("launch", true)) {
            assertThat(ToyKernels.launch(0)).isZero();
            assertThat(ToyKernels.launch(700)).isEqualTo(700); // e.g. CUDA_ERROR_ILLEGAL_ADDRESS
            ToyKernels.launch(100);
            assertThat(window.observations().kernels())
                    .containsExactly(new KernelStats("toy.launch", Backend.CUDA, 1, 2, -1));
        }
    }

    @Test
    void timingIsOffByDefaultSoNanosAreMinusOne() {
        try (KernelWindow window = KernelRecorder.openWindow("timing", false)) {
            toy.dot(a, b);
            assertThat(window.observations().kernels()).extracting(KernelStats::nanos).containsExactly(-1L);
        }
    }

    @Test
    void configuredThirdPartyKernelsAreCountedWithTemplatedIds() {
        try (KernelWindow window = KernelRecorder.openWindow("config", true)) {
            ThirdPartyOps.dotF32(a, b);
            ThirdPartyOps.dotQ8(new byte[] {1, 2}, new byte[] {3, 4}, new int[1]);
            ThirdPartyOps.helper(1f);
            ThirdPartyOps.Gemmer f32 = new ThirdPartyOps.GemmerF32();
            ThirdPartyOps.Gemmer bf16 = new ThirdPartyOps.GemmerBF16();
            float[] c = new float[1];
            f32.kernel(a, b, c);
            f32.kernel(a, b, c);
            bf16.kernel(a, b, c);
            new ThirdPartyOps.Relu().apply(1f);
            new ThirdPartyOps.LeakyRelu().apply(-1f);
            new ThirdPartyOps.LeakyRelu().apply(-2f);
            assertThat(window.observations().kernels()).containsExactly(
                    new KernelStats("thirdparty.act.LeakyRelu", "cpu", 2, 0, -1, List.of("sse2")),
                    new KernelStats("thirdparty.act.Relu", "cpu", 1, 0, -1, List.of("sse2")),
                    new KernelStats("thirdparty.dotF32", "cpu-simd", 4, 0, -1),
                    new KernelStats("thirdparty.dotQ8", "cpu-simd", 1, 0, -1),
                    new KernelStats("thirdparty.gemm.GemmerBF16", "cpu-simd", 1, 0, -1, List.of("avx2", "fma")),
                    new KernelStats("thirdparty.gemm.GemmerF32", "cpu-simd", 2, 0, -1, List.of("avx2", "fma")));
        }
    }

    @Test
    void fallbacksLandInTheWindow() {
        try (KernelWindow window = KernelRecorder.openWindow("fallback", true)) {
            KernelRecorder.fallback("cuda", "cpu-simd", "CUDA_DRIVER_MISSING", "libcuda.so.1 not found");
            assertThat(window.observations().fallbacks()).singleElement().satisfies(f -> {
                assertThat(f.requested()).isEqualTo("cuda");
                assertThat(f.effective()).isEqualTo("cpu-simd");
                assertThat(f.reasonCode()).isEqualTo("CUDA_DRIVER_MISSING");
            });
        }
    }

    @Test
    void theActivationHintNamesTheExactArgLine() {
        assertThat(RecorderAgent.argLine())
                .isEqualTo("@{argLine} -javaagent:${dev.honestcompute:kernel-recorder:jar}");
        assertThat(KernelRecorder.activationHint())
                .startsWith("add to the Surefire/Failsafe <argLine>: "
                        + "@{argLine} -javaagent:${dev.honestcompute:kernel-recorder:jar}")
                .contains("-javaagent:" + RecorderAgent.class.getProtectionDomain().getCodeSource().getLocation()
                        .getPath())
                .endsWith("; setup steps: section 'Agent setup' of the Honest Compute docs "
                        + "(docs/README.md#agent-setup)")
                .doesNotContain("kernel-recorder/README.md");
    }
}
