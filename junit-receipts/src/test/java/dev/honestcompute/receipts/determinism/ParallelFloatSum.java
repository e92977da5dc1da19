package dev.honestcompute.receipts.determinism;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Test workload: float sums over the same data, one whose result depends on thread scheduling and one that does not.
 *
 * <p>{@link #unordered}: a ForkJoin task splits the range while the pool has no surplus queued work
 * ({@code getSurplusQueuedTaskCount}, the JDK's own adaptive-split heuristic), so where the leaves start and end
 * depends on scheduling, and each leaf adds its partial sum into one shared float with a CAS in completion order.
 * Float addition is not associative, and the data spans eight orders of magnitude, so different leaf boundaries or
 * completion orders give different bits. {@link #ordered}: fixed chunks, partial sums combined in index order — the
 * same bits every time, even though it runs in parallel.
 */
final class ParallelFloatSum {

    private static final int MIN_LEAF = 64;
    private static final int CHUNK = 4096;

    private ParallelFloatSum() {
    }

    static float[] data(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) ((random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(8)));
        }
        return d;
    }

    /** A kernel the recorder observes: one call per sum (its leaves vary with scheduling, the call count does not). */
    @dev.honestcompute.recorder.Kernel(id = "determinism_test.unordered_sum", backend = "cpu")
    static float unordered(float[] data, ForkJoinPool pool) {
        AtomicInteger acc = new AtomicInteger(Float.floatToRawIntBits(0f));
        pool.invoke(new Leaf(data, 0, data.length, acc));
        return Float.intBitsToFloat(acc.get());
    }

    @dev.honestcompute.recorder.Kernel(id = "determinism_test.ordered_sum", backend = "cpu")
    static float ordered(float[] data) {
        int chunks = (data.length + CHUNK - 1) / CHUNK;
        float[] partial = new float[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            float s = 0;
            for (int i = c * CHUNK; i < Math.min(data.length, (c + 1) * CHUNK); i++) {
                s += data[i];
            }
            partial[c] = s;
        });
        float total = 0;
        for (float p : partial) {
            total += p;
        }
        return total;
    }

    private static final class Leaf extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final float[] data;
        private final int lo;
        private final int hi;
        private final AtomicInteger acc;

        Leaf(float[] data, int lo, int hi, AtomicInteger acc) {
            this.data = data;
            this.lo = lo;
            this.hi = hi;
            this.acc = acc;
        }

        @Override
        protected void compute() {
            if (hi - lo <= MIN_LEAF || getSurplusQueuedTaskCount() > 1) {
                float s = 0;
                for (int i = lo; i < hi; i++) {
                    s += data[i];
                }
                int prev;
                int next;
                do {
                    prev = acc.get();
                    next = Float.floatToRawIntBits(Float.intBitsToFloat(prev) + s);
                } while (!acc.compareAndSet(prev, next));
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Leaf(data, lo, mid, acc), new Leaf(data, mid, hi, acc));
        }
    }
}
