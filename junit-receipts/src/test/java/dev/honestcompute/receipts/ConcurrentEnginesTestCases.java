package dev.honestcompute.receipts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Engines that spread their kernels over other threads in the ways real engines do, run as concurrent JUnit tests
 * (see {@link ConcurrentEnginesTest}). Each test makes a different, known number of {@code matmul_f32} calls; the
 * executor below is shared by every test and its threads outlive them, as an engine's own pool does.
 */
final class ConcurrentEnginesTestCases {

    private ConcurrentEnginesTestCases() {
    }

    /** Calls per test, by mechanism: all different, so a call credited to the wrong test changes two counts. */
    static final int PARALLEL_STREAM = 37;
    static final int COMMON_POOL = 41;
    static final int OWN_EXECUTOR = 43;
    static final int COMPLETABLE_FUTURE = 47;
    static final int NEW_THREADS = 53;

    @Execution(ExecutionMode.CONCURRENT)
    static class Engines {
        static final ExecutorService OWN_POOL = Executors.newFixedThreadPool(3);

        @AfterAll
        static void stopPool() throws InterruptedException {
            OWN_POOL.shutdown();
            OWN_POOL.awaitTermination(30, TimeUnit.SECONDS);
        }

        @RepeatedTest(4)
        @EmitsReceipt
        void parallelStream() {
            IntStream.range(0, PARALLEL_STREAM).parallel().forEach(i -> TestKernels.matmul());
        }

        @RepeatedTest(4)
        @EmitsReceipt
        void commonPool() throws Exception {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < COMMON_POOL; i++) {
                tasks.add(ForkJoinPool.commonPool().submit(() -> TestKernels.matmul()));
            }
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        }

        @RepeatedTest(4)
        @EmitsReceipt
        void ownExecutor() throws Exception {
            List<Future<Float>> tasks = new ArrayList<>();
            for (int i = 0; i < OWN_EXECUTOR; i++) {
                tasks.add(OWN_POOL.submit(TestKernels::matmul));
            }
            for (Future<Float> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        }

        @RepeatedTest(4)
        @EmitsReceipt
        void completableFuture() throws Exception {
            CompletableFuture<Float> chain = CompletableFuture.completedFuture(0f);
            for (int i = 0; i < COMPLETABLE_FUTURE; i++) {
                chain = i % 2 == 0
                        ? chain.thenApplyAsync(s -> s + TestKernels.matmul())
                        : chain.thenCombineAsync(CompletableFuture.supplyAsync(TestKernels::matmul), Float::sum);
            }
            chain.get(30, TimeUnit.SECONDS);
        }

        @RepeatedTest(4)
        @EmitsReceipt
        void newThreads() throws Exception {
            Thread[] threads = new Thread[NEW_THREADS];
            for (int i = 0; i < NEW_THREADS; i++) {
                threads[i] = new Thread(TestKernels::matmul, "engine-worker-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
    }
}
