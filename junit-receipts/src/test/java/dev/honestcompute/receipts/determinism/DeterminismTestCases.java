package dev.honestcompute.receipts.determinism;

import dev.honestcompute.receipts.perf.CapturedSections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test cases run only inside {@link DeterminismExtensionTest}'s EngineTestKit (the name keeps Surefire from running
 * them on their own).
 */
final class DeterminismTestCases {

    static final long SEED = 20261123L;
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    private DeterminismTestCases() {
    }

    @ExtendWith(CapturedSections.class)
    @dev.honestcompute.receipts.EmitsReceipt
    static class OrderedSumCase {

        @Test
        @CheckDeterminism(runs = 3)
        void orderedParallelSum(DeterminismRecorder outputs) {
            outputs.seed(SEED);
            float[] data = ParallelFloatSum.data(SEED, 1 << 16);
            outputs.record("sum", new float[] {ParallelFloatSum.ordered(data)});
            outputs.record("first-values", new float[] {data[0], data[1], data[2]});
        }
    }

    @ExtendWith(CapturedSections.class)
    @dev.honestcompute.receipts.EmitsReceipt
    static class UnorderedSumCase {

        /** The previous run's sum; the same test instance serves every run of one test execution. */
        private Float previous;

        /**
         * Every value recorded is a real unordered parallel sum. So that the outcome does not depend on luck, a run
         * recomputes (at most 2000 times) while it gets the previous run's exact bits; ParallelFloatSumTest shows
         * independently that the sum varies.
         */
        @Test
        @CheckDeterminism(runs = 2)
        void unorderedParallelSum(DeterminismRecorder outputs) {
            outputs.seed(SEED);
            float[] data = ParallelFloatSum.data(SEED, 1 << 16);
            ForkJoinPool pool = new ForkJoinPool(4);
            try {
                float sum = ParallelFloatSum.unordered(data, pool);
                int attempts = 1;
                while (previous != null && sum == previous && attempts < 2000) {
                    sum = ParallelFloatSum.unordered(data, pool);
                    attempts++;
                }
                ATTEMPTS.set(attempts);
                previous = sum;
                outputs.record("sum", new float[] {sum});
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static class NoParameterCase {

        @Test
        @CheckDeterminism
        void recordsNothing() {
            ParallelFloatSum.ordered(ParallelFloatSum.data(1, 100));
        }
    }

    static class NothingRecordedCase {

        @Test
        @CheckDeterminism
        void forgetsToRecord(DeterminismRecorder outputs) {
            ParallelFloatSum.ordered(ParallelFloatSum.data(1, 100));
        }
    }

    static class OneRunCase {

        @Test
        @CheckDeterminism(runs = 1)
        void oneRun(DeterminismRecorder outputs) {
            outputs.record("x", "y");
        }
    }

    static class FailsInSecondRunCase {

        private int runs;

        @Test
        @CheckDeterminism
        void throwsLater(DeterminismRecorder outputs) {
            outputs.record("x", "y");
            if (runs++ == 1) {
                throw new IllegalStateException("engine crashed");
            }
        }
    }
}
