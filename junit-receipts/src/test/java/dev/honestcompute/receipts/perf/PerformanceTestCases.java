package dev.honestcompute.receipts.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test cases run only inside {@link PerformanceExtensionTest}'s EngineTestKit (the name keeps Surefire from running
 * them on their own).
 */
final class PerformanceTestCases {

    private PerformanceTestCases() {
    }

    @ExtendWith(CapturedSections.class)
    @dev.honestcompute.receipts.EmitsReceipt
    @MeasurePerformance(warmup = 1, iterations = 5, unit = "rows")
    static class MatmulCase {

        @Test
        void multiplies(PerfRecorder perf) {
            Matmul matmul = new Matmul(40, 3);
            perf.measure("matmul-40", matmul::multiply);
            perf.measureStream("matmul-40-streamed", sink -> matmul.multiplyStreaming(sink::unit));
        }
    }

    @ExtendWith(CapturedSections.class)
    @dev.honestcompute.receipts.EmitsReceipt
    static class MethodLevelCase {

        @Test
        @MeasurePerformance(warmup = 0, iterations = 3)
        void measured(PerfRecorder perf) {
            Matmul matmul = new Matmul(24, 4);
            perf.measure("matmul-24", matmul::multiply);
        }
    }

    @ExtendWith(CapturedSections.class)
    @dev.honestcompute.receipts.EmitsReceipt
    @MeasurePerformance(iterations = 5)
    static class MethodOverridesClassCase {

        @Test
        @MeasurePerformance(warmup = 0, iterations = 2, unit = "rows")
        void overridden(PerfRecorder perf) {
            perf.measure("matmul-16", new Matmul(16, 2)::multiply);
        }

        @org.junit.jupiter.api.RepeatedTest(2)
        void repeated(PerfRecorder perf) {
            perf.measure("matmul-16", new Matmul(16, 2)::multiply);
        }
    }

    @MeasurePerformance
    static class NoMeasurementCase {

        @Test
        void forgetsToMeasure(PerfRecorder perf) {
            new Matmul(8, 1).multiply();
        }
    }

    @MeasurePerformance
    static class NoParameterCase {

        @Test
        void hasNoRecorder() {
            new Matmul(8, 1).multiply();
        }
    }

    @MeasurePerformance(iterations = 0)
    static class BadIterationsCase {

        @Test
        void zeroIterations(PerfRecorder perf) {
            perf.measure("never", () -> 1);
        }
    }

    static class NotAnnotatedCase {

        @Test
        @ExtendWith(PerformanceExtension.class)
        void injectedWithoutAnnotation(PerfRecorder perf) {
            perf.measure("never", () -> 1);
        }
    }
}
