package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.KernelRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small test classes run only inside EngineTestKit by {@link EmitsReceiptTest}. The file name does not match
 * Surefire's includes, and the pom excludes {@code *TestCases*} as well, so they never run in the real build.
 */
final class EmitsReceiptTestCases {

    private EmitsReceiptTestCases() {
    }

    static class WithAgent {
        @BeforeEach
        void agent() {
            SimulatedKernels.agentInstalled();
        }
    }

    static class RealKernelCase extends WithAgent {
        @Test
        @EmitsReceipt
        void multiplies() {
            SimulatedKernels.matmul();
            SimulatedKernels.matmul();
        }
    }

    static class NoKernelCase {
        @Test
        @EmitsReceipt
        void claimsRealButRunsNothing() {
            assertEquals(4, 2 + 2);
        }
    }

    /** Real arithmetic, but nothing instrumented it: without the agent nothing can be observed. */
    static class UninstrumentedComputeCase {
        @Test
        @EmitsReceipt(backend = Backend.CPU)
        void multipliesInPlainJava() {
            float[] a = {1, 2, 3, 4};
            float[] b = {5, 6, 7, 8};
            float[] c = new float[4];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    for (int k = 0; k < 2; k++) {
                        c[i * 2 + j] += a[i * 2 + k] * b[k * 2 + j];
                    }
                }
            }
            assertEquals(19f, c[0]);
        }
    }

    static class ActiveButNoKernelCase extends WithAgent {
        @Test
        @EmitsReceipt
        void claimsRealButRunsNothing() {
            assertEquals(4, 2 + 2);
        }
    }

    static class FailingBodyCase extends WithAgent {
        @Test
        @EmitsReceipt
        void kernelRanThenAssertionFailed() {
            SimulatedKernels.matmul();
            assertEquals(5, 2 + 2, "engine output");
        }
    }

    @EmitsReceipt
    static class ClassLevelCase extends WithAgent {
        @Test
        void first() {
            SimulatedKernels.matmul();
        }

        @Test
        void second() {
            SimulatedKernels.run("softmax_f32", Backend.CPU);
        }

        @Nested
        class Inner {
            @Test
            void nested() {
                SimulatedKernels.matmul();
            }
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @EmitsReceipt(backend = Backend.CPU)
    @interface CpuReceipt {
    }

    @CpuReceipt
    static class MetaAnnotationCase extends WithAgent {
        @Test
        void viaMeta() {
            SimulatedKernels.matmul();
        }
    }

    static class InheritedCase extends ClassLevelCase {
        @Test
        void inSubclass() {
            SimulatedKernels.matmul();
        }
    }

    static class TemplatesCase extends WithAgent {
        @ParameterizedTest(name = "input {0}")
        @ValueSource(strings = {"a/b", "a\\b", "../etc", "a b", "ünïcode", "CON"})
        @EmitsReceipt
        void parameterized(String input) {
            SimulatedKernels.matmul();
        }

        @RepeatedTest(3)
        @EmitsReceipt
        void repeated() {
            SimulatedKernels.matmul();
        }

        @TestFactory
        @EmitsReceipt
        Stream<DynamicContainer> dynamic() {
            return Stream.of(
                    DynamicContainer.dynamicContainer("group one", Stream.of(
                            DynamicTest.dynamicTest("same name", SimulatedKernels::matmul),
                            DynamicTest.dynamicTest("same name", SimulatedKernels::matmul))),
                    DynamicContainer.dynamicContainer("group two", Stream.of(
                            DynamicTest.dynamicTest("same name", SimulatedKernels::matmul))));
        }

        @Test
        @EmitsReceipt
        void overloaded() {
            SimulatedKernels.matmul();
        }

        @Test
        @EmitsReceipt
        void overloaded(org.junit.jupiter.api.TestInfo info) {
            SimulatedKernels.matmul();
        }
    }

    static class FallbackCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CUDA)
        void fellBackWithoutPermission() {
            KernelRecorder.fallback(Backend.CUDA, Backend.CPU, "CUDA_DRIVER_MISSING", "libcuda.so.1 not found");
            SimulatedKernels.matmul();
        }
    }

    static class AllowedFallbackCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CUDA, allowFallback = true)
        void fellBackWithPermission() {
            KernelRecorder.fallback(Backend.CUDA, Backend.CPU, "CUDA_DRIVER_MISSING", "libcuda.so.1 not found");
            SimulatedKernels.matmul();
        }
    }

    static class MockKernelIdCase extends WithAgent {
        @Test
        @EmitsReceipt
        void mockNamedKernel() {
            SimulatedKernels.run("mock_matmul", Backend.CPU);
        }
    }

    static class PolicyOverrideCase extends WithAgent {
        @Test
        @EmitsReceipt(policy = "no-such-policy")
        void badPolicy() {
            SimulatedKernels.matmul();
        }
    }

    static class SectionsCase extends WithAgent {
        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback FIXTURE = context ->
                ReceiptSections.of(context).addFixture("tiny-llama",
                        "aa".repeat(32), 1234);

        @Test
        @EmitsReceipt
        void usesFixture() {
            SimulatedKernels.matmul();
        }
    }

    static class RichSectionsCase extends WithAgent {
        record Parity(String reference, double cosine) {
        }

        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback SECTIONS = context ->
                ReceiptSections.of(context)
                        .put(ReceiptSections.Section.PARITY, new Parity("llama.cpp", 0.9999))
                        .put(ReceiptSections.Section.DETERMINISM, java.util.Map.of("deterministic", true, "runs", 3));

        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void simdWithScalarTail() {
            SimulatedKernels.run("matmul_f32_simd", Backend.CPU_SIMD);
            SimulatedKernels.matmul();
        }
    }

    static class BadFixtureCase extends WithAgent {
        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback FIXTURE = context ->
                ReceiptSections.of(context).addFixture("tiny-llama", "not-a-digest", 1234);

        @Test
        @EmitsReceipt
        void usesFixture() {
            SimulatedKernels.matmul();
        }
    }

    static class SectionTwiceCase extends WithAgent {
        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback PARITY = context -> {
            ReceiptSections.of(context).put(ReceiptSections.Section.PARITY, java.util.Map.of("a", 1));
            ReceiptSections.of(context).put(ReceiptSections.Section.PARITY, java.util.Map.of("a", 2));
        };

        @Test
        @EmitsReceipt
        void parityTwice() {
            SimulatedKernels.matmul();
        }
    }

    static class SetUpFailsCase extends WithAgent {
        @BeforeEach
        void engineDoesNotLoad() {
            throw new IllegalStateException("model file is corrupt");
        }

        @Test
        @EmitsReceipt
        void neverRuns() {
            SimulatedKernels.matmul();
        }
    }

    static class AbortedCase extends WithAgent {
        @Test
        @EmitsReceipt
        void abortsAfterAKernel() {
            SimulatedKernels.matmul();
            throw new org.opentest4j.TestAbortedException("precondition not met here");
        }
    }

    static class FailedCallsCase extends WithAgent {
        @Test
        @EmitsReceipt
        void kernelThrewEveryTime() {
            SimulatedKernels.fail("matmul_f32", Backend.CPU);
        }
    }

    static class BackendClaimCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void claimsSimdRunsScalar() {
            SimulatedKernels.matmul();
        }
    }

    static class MockPathCase extends WithAgent {
        @Test
        @EmitsReceipt(computePath = EmitsReceipt.ComputePath.MOCK)
        void declaredTestDouble() {
            assertEquals(4, 2 + 2);
        }
    }

    static class LateFixtureCase extends WithAgent {
        /** Class-level, so its afterEach runs after the method-level @EmitsReceipt wrote the receipt. */
        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.AfterEachCallback LATE = context ->
                ReceiptSections.of(context).addFixture("tiny-llama", "aa".repeat(32), 1234);

        @Test
        @EmitsReceipt
        void fixtureReportedTooLate() {
            SimulatedKernels.matmul();
        }
    }

    @EmitsReceipt(backend = Backend.CUDA)
    static class ClassAndMethodCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU)
        void methodWins() {
            SimulatedKernels.matmul();
        }
    }

    /** A CPU feature no host has: its kernel cannot honestly have run anywhere. */
    static final String MADE_UP_FEATURE = "avx1024";

    static class KernelNeedsAFeatureTheHostLacksCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void dispatchPickedAnImpossibleKernel() {
            SimulatedKernels.run("gemm_f32_avx1024", Backend.CPU_SIMD, MADE_UP_FEATURE);
        }
    }

    static class KernelNeedsAFeatureTheHostHasCase extends WithAgent {
        /** The first CPU feature this host reports (set by the test before running this case). */
        static String hostFeature;

        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void dispatchPickedAKernelThisHostRuns() {
            SimulatedKernels.run("gemm_f32_host", Backend.CPU_SIMD, hostFeature.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static class QuantizationClaimOverF32KernelsCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU, quantization = "q8_0")
        void modelWasSilentlyDequantized() {
            SimulatedKernels.matmul();
            SimulatedKernels.run("rmsnorm_f32", Backend.CPU);
        }
    }

    static class QuantizationClaimCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU, quantization = "Q8_0")
        void quantizedMatmulRan() {
            SimulatedKernels.run("matmul_q8_0", Backend.CPU);
            SimulatedKernels.run("rmsnorm_f32", Backend.CPU);
        }
    }

    static class SimdWidthClaimWithoutSimdKernelsCase extends WithAgent {
        @Test
        @EmitsReceipt(simdWidthBits = 256)
        void scalarKernelsOnly() {
            SimulatedKernels.matmul();
        }
    }

    static class SimdWidthClaimBeyondTheHostCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD, simdWidthBits = 2048)
        void claimsWiderLanesThanTheHostHas() {
            SimulatedKernels.run("matmul_f32_simd", Backend.CPU_SIMD);
        }
    }

    static class SimdWidthClaimCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD, simdWidthBits = 128)
        void vectorKernelsOnAnySimdHost() {
            SimulatedKernels.run("matmul_f32_simd", Backend.CPU_SIMD);
        }
    }

    /** 500 tests made by a factory would all share one method; a template gives 500 distinct test nodes. */
    static class ParallelCase extends WithAgent {
        @ParameterizedTest(name = "case {0}")
        @org.junit.jupiter.params.provider.MethodSource("indices")
        @EmitsReceipt
        void parallel(int index) {
            SimulatedKernels.run("kernel_" + (index % 7), Backend.CPU);
        }

        static Stream<Integer> indices() {
            return Stream.iterate(0, i -> i + 1).limit(500);
        }
    }
}
