package dev.honestcompute.recorder.it;

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
        assertThat(RecorderAgent.transformErrors()).allSatisfy(line -> assertThat(line).contains("HC029"));
        assertThat(KernelRecorder.propagation()).startsWith("full:");
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
            assertThat(Seen.lines(first)).containsExactly("toy.dot cpu-simd 2/0 [avx2] unverified");
            assertThat(seen.recorderActive()).isTrue();
            assertThat(seen.forgeries()).isEmpty();
        }
        try (KernelWindow second = KernelRecorder.openWindow("second", true)) {
            toy.dot(a, b);
            assertThat(Seen.lines(second)).containsExactly("toy.dot cpu-simd 1/0 [avx2] unverified");
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
    void aCpuSimdClaimIsVerifiedOnlyForAClassThatUsesTheVectorApiOrNativeCode() {
        try (KernelWindow window = KernelRecorder.openWindow("simd-claims", true)) {
            NativeToyKernels.dot(a, b);
            toy.dot(a, b);
            assertThat(Seen.lines(window)).containsExactly("native_toy.dot cpu-simd 1/0",
                    "toy.dot cpu-simd 1/0 [avx2] unverified");
            assertThat(window.observations().kernels().get(1).unverified())
                    .contains("uses neither the Vector API (jdk.incubator.vector) nor a native or FFM");
        }
        assertThat(RecorderAgent.transformErrors()).anySatisfy(line -> assertThat(line)
                .contains("kernel 'toy.dot' on dev.honestcompute.recorder.it.ToyKernels.dot")
                .contains("HC029"));
    }

    @Test
    void aCudaClaimWithoutADeviceLaunchInsideIsUnverified() {
        try (KernelWindow window = KernelRecorder.openWindow("cuda-claim", true)) {
            float[] out = new float[3];
            GpuToyKernels.claimedMatmul(a, b, out);
            assertThat(out).containsExactly(4f, 10f, 18f);
            assertThat(Seen.lines(window)).containsExactly("gpu_toy.claimed_matmul cuda 1/0 unverified");
            assertThat(window.observations().kernels().get(0).unverified())
                    .isEqualTo("declared cuda, but no device launch was observed at a driver boundary (JCuda, "
                            + "cuBLAS) while it ran");
        }
    }

    @Test
    void aKernelThatThrowsIsAFailedCallNotAnExecutedOne() {
        try (KernelWindow window = KernelRecorder.openWindow("throws", true)) {
            assertThatThrownBy(() -> toy.checkedDot(a, new float[2])).isInstanceOf(IllegalArgumentException.class);
            assertThat(Seen.lines(window)).containsExactly("toy.checked_dot cpu 0/1");
            assertThat(window.observations().anyKernelRan()).isFalse();
        }
    }

    @Test
    void aLaunchWrapperCountsOnlyWhenItReturnedZero() {
        try (KernelWindow window = KernelRecorder.openWindow("launch", true)) {
            assertThat(ToyKernels.launch(0)).isZero();
            assertThat(ToyKernels.launch(700)).isEqualTo(700); // e.g. CUDA_ERROR_ILLEGAL_ADDRESS
            ToyKernels.launch(100);
            assertThat(Seen.lines(window)).containsExactly("toy.launch cuda 1/2 unverified");
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
            assertThat(Seen.lines(window)).containsExactly(
                    "thirdparty.act.LeakyRelu cpu 2/0 [sse2]",
                    "thirdparty.act.Relu cpu 1/0 [sse2]",
                    "thirdparty.dotF32 cpu-simd 4/0 unverified",
                    "thirdparty.dotQ8 cpu-simd 1/0 unverified",
                    "thirdparty.gemm.GemmerBF16 cpu-simd 1/0 [avx2, fma] unverified",
                    "thirdparty.gemm.GemmerF32 cpu-simd 2/0 [avx2, fma] unverified");
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
