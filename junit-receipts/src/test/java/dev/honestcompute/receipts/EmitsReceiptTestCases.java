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

    /** Cases that need the recorder agent; the module's tests run with it loaded (see the pom). */
    static class WithAgent {
    }

    static class RealKernelCase extends WithAgent {
        @Test
        @EmitsReceipt
        void multiplies() {
            TestKernels.matmul();
            TestKernels.matmul();
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
            TestKernels.matmul();
            assertEquals(5, 2 + 2, "engine output");
        }
    }

    @EmitsReceipt
    static class ClassLevelCase extends WithAgent {
        @Test
        void first() {
            TestKernels.matmul();
        }

        @Test
        void second() {
            TestKernels.softmax();
        }

        @Nested
        class Inner {
            @Test
            void nested() {
                TestKernels.matmul();
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
            TestKernels.matmul();
        }
    }

    static class InheritedCase extends ClassLevelCase {
        @Test
        void inSubclass() {
            TestKernels.matmul();
        }
    }

    static class TemplatesCase extends WithAgent {
        @ParameterizedTest(name = "input {0}")
        @ValueSource(strings = {"a/b", "a\\b", "../etc", "a b", "ünïcode", "CON"})
        @EmitsReceipt
        void parameterized(String input) {
            TestKernels.matmul();
        }

        @RepeatedTest(3)
        @EmitsReceipt
        void repeated() {
            TestKernels.matmul();
        }

        @TestFactory
        @EmitsReceipt
        Stream<DynamicContainer> dynamic() {
            return Stream.of(
                    DynamicContainer.dynamicContainer("group one", Stream.of(
                            DynamicTest.dynamicTest("same name", TestKernels::matmul),
                            DynamicTest.dynamicTest("same name", TestKernels::matmul))),
                    DynamicContainer.dynamicContainer("group two", Stream.of(
                            DynamicTest.dynamicTest("same name", TestKernels::matmul))));
        }

        @Test
        @EmitsReceipt
        void overloaded() {
            TestKernels.matmul();
        }

        @Test
        @EmitsReceipt
        void overloaded(org.junit.jupiter.api.TestInfo info) {
            TestKernels.matmul();
        }
    }

    static class FallbackCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CUDA)
        void fellBackWithoutPermission() {
            KernelRecorder.fallback(Backend.CUDA, Backend.CPU, "CUDA_DRIVER_MISSING", "libcuda.so.1 not found");
            TestKernels.matmul();
        }
    }

    static class AllowedFallbackCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CUDA, allowFallback = true)
        void fellBackWithPermission() {
            KernelRecorder.fallback(Backend.CUDA, Backend.CPU, "CUDA_DRIVER_MISSING", "libcuda.so.1 not found");
            TestKernels.matmul();
        }
    }

    static class MockKernelIdCase extends WithAgent {
        @Test
        @EmitsReceipt
        void mockNamedKernel() {
            TestKernels.mockMatmul();
        }
    }

    static class PolicyOverrideCase extends WithAgent {
        @Test
        @EmitsReceipt(policy = "no-such-policy")
        void badPolicy() {
            TestKernels.matmul();
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
            TestKernels.matmul();
        }
    }

    static class RichSectionsCase extends WithAgent {
        record Prompt(String text, int tokens) {
        }

        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback NOTES = context ->
                ReceiptSections.of(context).note("prompt", new Prompt("the quick brown fox", 4));

        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        @dev.honestcompute.receipts.determinism.CheckDeterminism(runs = 3)
        void simdWithScalarTail(dev.honestcompute.receipts.determinism.DeterminismRecorder outputs) {
            outputs.record("sum", new float[] {TestKernels.matmulSimd() + TestKernels.matmul()});
        }
    }

    /** A test's own extension that writes a performance section by hand: any tokens per second it likes. */
    static class HandWrittenPerformanceCase extends WithAgent {
        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback PERF = context ->
                ReceiptSections.of(context).put(ReceiptSections.Section.PERFORMANCE,
                        java.util.Map.of("tokens_per_second", 1_000_000));

        @Test
        @EmitsReceipt
        void claimsAMillionTokensPerSecond() {
            TestKernels.matmul();
        }
    }

    static class BadNoteCase extends WithAgent {
        @Test
        @EmitsReceipt
        void badNoteKey(org.junit.jupiter.api.TestInfo info) {
            TestKernels.matmul();
        }

        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback NOTE = context ->
                ReceiptSections.of(context).note("no spaces allowed", "x");
    }

    static class SetUpFailsCase extends WithAgent {
        @BeforeEach
        void engineDoesNotLoad() {
            throw new IllegalStateException("model file is corrupt");
        }

        @Test
        @EmitsReceipt
        void neverRuns() {
            TestKernels.matmul();
        }
    }

    static class AbortedCase extends WithAgent {
        @Test
        @EmitsReceipt
        void abortsAfterAKernel() {
            TestKernels.matmul();
            throw new org.opentest4j.TestAbortedException("precondition not met here");
        }
    }

    static class FailedCallsCase extends WithAgent {
        @Test
        @EmitsReceipt
        void kernelThrewEveryTime() {
            try {
                TestKernels.matmulThatFails();
            } catch (IllegalStateException swallowed) {
                // an engine that catches its kernel's failure and carries on: the receipt must not pass
            }
        }
    }

    static class BackendClaimCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void claimsSimdRunsScalar() {
            TestKernels.matmul();
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
            TestKernels.matmul();
        }
    }

    @EmitsReceipt(backend = Backend.CUDA)
    static class ClassAndMethodCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU)
        void methodWins() {
            TestKernels.matmul();
        }
    }

    /** A CPU feature no host has: its kernel cannot honestly have run anywhere. */
    static final String MADE_UP_FEATURE = "avx1024f";

    static class KernelNeedsAFeatureTheHostLacksCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void dispatchPickedAnImpossibleKernel() {
            TestKernels.gemmNoHostHas();
        }
    }

    static class KernelNeedsAFeatureTheHostHasCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void dispatchPickedAKernelThisHostRuns() {
            TestKernels.gemmOnThisHost(); // requires "SSE2", which every x86-64 host has
        }
    }

    static class QuantizationClaimOverF32KernelsCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU, quantization = "q8_0")
        void modelWasSilentlyDequantized() {
            TestKernels.matmul();
            TestKernels.rmsnorm();
        }
    }

    static class QuantizationClaimCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU, quantization = "Q8_0")
        void quantizedMatmulRan() {
            TestKernels.matmulQ8();
            TestKernels.rmsnorm();
        }
    }

    static class SimdWidthClaimWithoutSimdKernelsCase extends WithAgent {
        @Test
        @EmitsReceipt(simdWidthBits = 256)
        void scalarKernelsOnly() {
            TestKernels.matmul();
        }
    }

    static class SimdWidthClaimBeyondTheHostCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD, simdWidthBits = 2048)
        void claimsWiderLanesThanTheHostHas() {
            TestKernels.matmulSimd();
        }
    }

    static class SimdWidthClaimCase extends WithAgent {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD, simdWidthBits = 128)
        void vectorKernelsOnAnySimdHost() {
            TestKernels.matmulSimd();
        }
    }

    /** 500 tests made by a factory would all share one method; a template gives 500 distinct test nodes. */
    static class ParallelCase extends WithAgent {
        @ParameterizedTest(name = "case {0}")
        @org.junit.jupiter.params.provider.MethodSource("indices")
        @EmitsReceipt
        void parallel(int index) {
            TestKernels.numbered(index);
        }

        static Stream<Integer> indices() {
            return Stream.iterate(0, i -> i + 1).limit(500);
        }
    }
}
