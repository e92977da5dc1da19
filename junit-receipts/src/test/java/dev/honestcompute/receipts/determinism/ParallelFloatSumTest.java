package dev.honestcompute.receipts.determinism;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

/** The workloads the determinism tests rely on really behave as claimed. */
class ParallelFloatSumTest {

    private static final float[] DATA = ParallelFloatSum.data(11, 1 << 16);

    @Test
    void unorderedParallelSumReallyVariesBetweenRuns() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            Set<Integer> bits = new HashSet<>();
            int attempts = 0;
            while (bits.size() < 2 && attempts < 2000) {
                bits.add(Float.floatToRawIntBits(ParallelFloatSum.unordered(DATA, pool)));
                attempts++;
            }
            assertThat(bits).as("distinct results of the unordered parallel sum after %d attempts", attempts)
                    .hasSizeGreaterThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void orderedParallelSumIsBitIdentical() {
        Set<Integer> bits = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            bits.add(Float.floatToRawIntBits(ParallelFloatSum.ordered(DATA)));
        }
        assertThat(bits).hasSize(1);
    }
}
