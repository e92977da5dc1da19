package dev.honestcompute.receipts;

import dev.honestcompute.receipts.determinism.CheckDeterminism;
import dev.honestcompute.receipts.determinism.DeterminismRecorder;
import dev.honestcompute.receipts.perf.MeasurePerformance;
import dev.honestcompute.receipts.perf.PerfRecorder;
import dev.honestcompute.recorder.MockCompute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dishonest tests and their honest twins, run only inside EngineTestKit by {@link HonestyTest}: each dishonest one
 * tries to get a passing {@code real} receipt without the engine doing the work.
 */
final class HonestyTestCases {

    private HonestyTestCases() {
    }

    /** Test double of a kernel: returns zeros. */
    @MockCompute("returns zeros instead of multiplying")
    static final class ZeroMatmul {
        float multiply() {
            return 0f;
        }
    }

    /** An engine that hides its failures: any Throwable becomes a zero-filled result. */
    static float forgivingForward(ZeroMatmul matmul) {
        try {
            return matmul.multiply();
        } catch (Throwable hidden) {
            return 0f;
        }
    }

    static class SwallowedLeak {
        @Test
        @EmitsReceipt
        void zeroFillsOnAnyError() {
            TestKernels.matmul(); // some real work, so the receipt is not empty
            assertEquals(0f, forgivingForward(new ZeroMatmul()));
        }
    }

    static class ReflectsOnTheLibrary {
        @Test
        @EmitsReceipt
        void triesToReachTheReceiptWriter() throws Exception {
            TestKernels.matmul();
            try {
                java.lang.reflect.Method emit = Class.forName(String.join(".", "dev", "honestcompute", "receipts",
                        "ReceiptSections")).getDeclaredMethod("seal");
                emit.setAccessible(true);
            } catch (RuntimeException refusedAndSwallowed) {
                // the guard refused; a test that catches the refusal still must not pass
            }
        }
    }

    static class CallsTheReceiptWriter {
        @Test
        @EmitsReceipt
        void writesItsOwnReceipt() {
            TestKernels.matmul();
            dev.honestcompute.receipts.internal.ReceiptEmitter.emit(java.nio.file.Path.of("target", "forged"),
                    null);
        }
    }

    static class FailedKernelsExpected {
        @Test
        @EmitsReceipt(expectFailedKernels = true)
        void exercisesTheErrorPath() {
            TestKernels.matmul();
            try {
                TestKernels.matmulThatFails();
            } catch (IllegalStateException expected) {
                // the error path under test
            }
        }
    }

    static class FailedKernelsNotExpected {
        @Test
        @EmitsReceipt
        void placeholderAfterAFailure() {
            TestKernels.matmul();
            try {
                TestKernels.matmulThatFails();
            } catch (IllegalStateException swallowed) {
                // the test asserts nothing about the failure
            }
        }
    }

    static class ClaimedCuda {
        @Test
        @EmitsReceipt(backend = "cuda")
        void plainLoopSaysCuda() {
            ClaimedKernels.claimedCuda();
        }
    }

    static class ClaimedSimd {
        @Test
        @EmitsReceipt(backend = "cpu-simd")
        void plainLoopSaysSimd() {
            ClaimedKernels.claimedSimd();
        }
    }

    /** An engine that memoizes by input: the second call with the same input runs no kernel. */
    static final class MemoizingEngine {
        private final Map<Integer, Float> cache = new HashMap<>();

        float forward(int input) {
            return cache.computeIfAbsent(input, i -> TestKernels.matmul() + TestKernels.rmsnorm());
        }
    }

    static class DeterminismBeforeReceipt {
        @Test
        @CheckDeterminism(runs = 3)
        @EmitsReceipt
        void determinismFirst(DeterminismRecorder outputs) {
            outputs.record("y", new float[] {TestKernels.matmul()});
        }
    }

    static class DeterminismAfterReceipt {
        @Test
        @EmitsReceipt
        @CheckDeterminism(runs = 3)
        void receiptFirst(DeterminismRecorder outputs) {
            outputs.record("y", new float[] {TestKernels.matmul()});
        }
    }

    static class CachedDeterminism {
        private final MemoizingEngine engine = new MemoizingEngine();

        @Test
        @CheckDeterminism(runs = 3)
        @EmitsReceipt
        void replaysItsOwnCache(DeterminismRecorder outputs) {
            outputs.record("y", new float[] {engine.forward(7)});
        }
    }

    static class PerfWithoutWarmupInsideTheReceipt {
        @Test
        @EmitsReceipt
        @MeasurePerformance(warmup = 0, iterations = 3, unit = "tokens")
        void measured(PerfRecorder perf) {
            perf.measure("forward", () -> {
                TestKernels.matmul();
                return 1;
            });
        }
    }

    static class PerfWithWarmupInsideTheReceipt {
        @Test
        @EmitsReceipt
        @MeasurePerformance(warmup = 2, iterations = 3, unit = "tokens")
        void measured(PerfRecorder perf) {
            perf.measure("forward", () -> {
                TestKernels.matmul();
                return 1;
            });
        }
    }

    static class PerfCachedAfterWarmup {
        private final MemoizingEngine engine = new MemoizingEngine();

        @Test
        @EmitsReceipt
        @MeasurePerformance(warmup = 1, iterations = 3, unit = "tokens")
        void measuresTheCache(PerfRecorder perf) {
            perf.measure("forward", () -> {
                engine.forward(7);
                return 1;
            });
        }
    }

    static class PerfCachedWithoutWarmup {
        private final MemoizingEngine engine = new MemoizingEngine();

        @Test
        @EmitsReceipt
        @MeasurePerformance(warmup = 0, iterations = 3, unit = "tokens")
        void measuresTheCache(PerfRecorder perf) {
            perf.measure("forward", () -> {
                engine.forward(7);
                return 1;
            });
        }
    }

    static class FabricatedUnits {
        @Test
        @EmitsReceipt
        @MeasurePerformance(warmup = 0, iterations = 3, unit = "tokens")
        void aMillionTokensFromASleep(PerfRecorder perf) {
            TestKernels.matmul(); // outside the measurement: the receipt itself has a kernel
            perf.measure("generate", () -> {
                Thread.sleep(2);
                return 1_000_000;
            });
        }
    }

    /** Two tests at once: one's @BeforeEach computes while the other's window is open. */
    @Execution(ExecutionMode.CONCURRENT)
    static class BeforeEachOfAnotherTest {
        static final CountDownLatch QUIET_WINDOW_OPEN = new CountDownLatch(1);
        static final CountDownLatch BUSY_SETUP_DONE = new CountDownLatch(1);

        @BeforeEach
        void setUp(org.junit.jupiter.api.TestInfo info) throws InterruptedException {
            if (info.getTestMethod().orElseThrow().getName().equals("busy")) {
                assertTrue(QUIET_WINDOW_OPEN.await(30, TimeUnit.SECONDS));
                for (int i = 0; i < 100; i++) {
                    TestKernels.softmax();
                }
                BUSY_SETUP_DONE.countDown();
            }
        }

        @Test
        @EmitsReceipt
        void quiet() throws InterruptedException {
            QUIET_WINDOW_OPEN.countDown();
            assertTrue(BUSY_SETUP_DONE.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                TestKernels.matmul();
            }
        }

        @Test
        @EmitsReceipt
        void busy() {
            TestKernels.rmsnorm();
        }
    }
}
