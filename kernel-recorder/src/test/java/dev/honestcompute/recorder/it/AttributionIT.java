package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attribution rules with parallel tests and engine-owned thread pools: exact when it can be, reported as
 * unattributed when it cannot, never guessed.
 */
class AttributionIT {

    private final ToyKernels toy = new ToyKernels();
    private final float[] a = {1, 2};
    private final ExecutorService enginePool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() throws InterruptedException {
        enginePool.shutdownNow();
        assertThat(enginePool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void parallelWindowsEachCountOnlyTheirOwnThreadsCalls() throws Exception {
        CyclicBarrier bothOpen = new CyclicBarrier(2);
        ExecutorService tests = Executors.newFixedThreadPool(2);
        try {
            Future<KernelStats> first = tests.submit(() -> runTest("parallel-1", 1000, bothOpen));
            Future<KernelStats> second = tests.submit(() -> runTest("parallel-2", 700, bothOpen));
            assertThat(first.get(30, TimeUnit.SECONDS).calls()).isEqualTo(1000);
            assertThat(second.get(30, TimeUnit.SECONDS).calls()).isEqualTo(700);
        } finally {
            tests.shutdownNow();
        }
    }

    private KernelStats runTest(String owner, int calls, CyclicBarrier bothOpen) throws Exception {
        try (KernelWindow window = KernelRecorder.openWindow(owner, true)) {
            bothOpen.await(10, TimeUnit.SECONDS);
            for (int i = 0; i < calls; i++) {
                toy.dot(a, a);
            }
            bothOpen.await(10, TimeUnit.SECONDS); // both windows stay open while both count
            assertThat(window.observations().unattributedCalls()).isZero();
            return window.observations().kernels().get(0);
        }
    }

    @Test
    void withOneWindowOpenAPoolThreadsKernelsCountInIt() throws Exception {
        try (KernelWindow window = KernelRecorder.openWindow("sole", true)) {
            enginePool.submit(() -> toy.dot(a, a)).get(10, TimeUnit.SECONDS);
            enginePool.submit(() -> toy.dot(a, a)).get(10, TimeUnit.SECONDS);
            assertThat(window.observations().kernels()).extracting(KernelStats::calls).containsExactly(2L);
            assertThat(window.observations().unattributedCalls()).isZero();
        }
    }

    @Test
    void withSeveralWindowsOpenAnUnboundPoolCallIsUnattributedInEveryWindowNotGuessed() throws Exception {
        CountDownLatch otherOpen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] otherSaw = {-1, -1};
        Thread otherTest = new Thread(() -> {
            try (KernelWindow other = KernelRecorder.openWindow("other-test", true)) {
                otherOpen.countDown();
                release.await(10, TimeUnit.SECONDS);
                otherSaw[0] = other.observations().kernels().size();
                otherSaw[1] = other.observations().unattributedCalls();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (KernelWindow window = KernelRecorder.openWindow("this-test", true)) {
            otherTest.start();
            assertThat(otherOpen.await(10, TimeUnit.SECONDS)).isTrue();
            enginePool.submit(() -> toy.dot(a, a)).get(10, TimeUnit.SECONDS);
            assertThat(window.observations().kernels()).isEmpty();
            assertThat(window.observations().unattributedCalls()).isEqualTo(1);
            release.countDown();
            otherTest.join(10_000);
            assertThat(otherSaw).as("the other window: kernels, unattributed").containsExactly(0L, 1L);
        }
    }

    @Test
    void wrappedPoolTasksAreAttributedExactlyEvenWithParallelWindows() throws Exception {
        CountDownLatch otherOpen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] otherSaw = new long[2];
        Thread otherTest = new Thread(() -> {
            try (KernelWindow other = KernelRecorder.openWindow("other-test", true)) {
                otherOpen.countDown();
                release.await(10, TimeUnit.SECONDS);
                otherSaw[0] = other.observations().kernels().size();
                otherSaw[1] = other.observations().unattributedCalls();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (KernelWindow window = KernelRecorder.openWindow("this-test", true)) {
            otherTest.start();
            assertThat(otherOpen.await(10, TimeUnit.SECONDS)).isTrue();
            enginePool.submit(KernelRecorder.wrap(() -> toy.dot(a, a))).get(10, TimeUnit.SECONDS);
            KernelRecorder.wrap(enginePool).execute(() -> toy.dot(a, a));
            enginePool.submit(KernelRecorder.wrap(() -> toy.dot(a, a))).get(10, TimeUnit.SECONDS);
            java.util.concurrent.Callable<Float> wrappedCallable = KernelRecorder.wrap(() -> toy.dot(a, a));
            assertThat(enginePool.submit(wrappedCallable).get(10, TimeUnit.SECONDS)).isEqualTo(5f);
            // The execute() above has no future: wait for its count with a bounded poll.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (window.observations().kernels().isEmpty()
                    || window.observations().kernels().get(0).calls() < 4) {
                assertThat(System.nanoTime()).as("wrapped task counted in time").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(window.observations().kernels()).extracting(KernelStats::calls).containsExactly(4L);
            assertThat(window.observations().unattributedCalls()).isZero();
            release.countDown();
            otherTest.join(10_000);
            assertThat(otherSaw).containsExactly(0L, 0L);
        }
    }

    @Test
    void mockComputeOnAnUnboundPoolThreadWithSeveralWindowsOpenIsCountedAsUnattributedNotIgnored() throws Exception {
        CountDownLatch otherOpen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] otherUnattributed = {-1};
        Thread productionTest = new Thread(() -> {
            try (KernelWindow other = KernelRecorder.openWindow("production-test", true)) {
                otherOpen.countDown();
                release.await(10, TimeUnit.SECONDS);
                otherUnattributed[0] = other.observations().unattributedCalls();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ZeroDot zero = new ZeroDot();
        try (KernelWindow window = KernelRecorder.openWindow("unit-test", false)) {
            productionTest.start();
            assertThat(otherOpen.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(enginePool.submit(() -> zero.dot(a, a)).get(10, TimeUnit.SECONDS)).isZero();
            assertThat(window.observations().unattributedCalls()).isEqualTo(1);
            release.countDown();
            productionTest.join(10_000);
            assertThat(otherUnattributed[0]).as("the production window sees the ambiguous mock call").isEqualTo(1);
        }
    }
}
