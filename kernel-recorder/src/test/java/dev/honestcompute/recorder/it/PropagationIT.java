package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attribution by context propagation: a call counts in a window when it runs on the window's thread or in work
 * propagated from it (threads it starts, executor and ForkJoin tasks it submits, parallel streams,
 * CompletableFuture); everything else is background, counted and reported, never credited.
 */
class PropagationIT {

    private static final String DOT = "toy.checked_dot";
    private final ToyKernels toy = new ToyKernels();
    private final float[] a = {1, 2};
    private final ExecutorService enginePool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() throws InterruptedException {
        enginePool.shutdownNow();
        assertThat(enginePool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** An engine that spreads {@code n} kernel calls over every kind of concurrency the JDK offers. */
    private long engine(int n, ExecutorService own) throws Exception {
        long calls = 0;
        IntStream.range(0, n).parallel().forEach(i -> toy.checkedDot(a, a));             // parallel stream
        calls += n;
        java.util.concurrent.ForkJoinPool.commonPool().submit(() -> dots(n)).get();          // common pool
        calls += n;
        own.submit(() -> dots(n)).get();                                                     // own ExecutorService
        calls += n;
        CountDownLatch executed = new CountDownLatch(1);
        own.execute(() -> {
            dots(n);
            executed.countDown();
        });
        assertThat(executed.await(30, TimeUnit.SECONDS)).isTrue();                          // execute(Runnable)
        calls += n;
        CompletableFuture.runAsync(() -> dots(n)).thenRunAsync(() -> dots(n), own).get();   // CompletableFuture
        calls += 2L * n;
        Thread t = new Thread(() -> dots(n));                                                // a new thread
        t.start();
        t.join();
        calls += n;
        dots(n);                                                                             // the window's thread
        calls += n;
        return calls;
    }

    private void dots(int n) {
        for (int i = 0; i < n; i++) {
            toy.checkedDot(a, a);
        }
    }

    @Test
    void oneWindowGetsEveryCallItsWorkMadeOnEveryThread() throws Exception {
        try (KernelWindow window = KernelRecorder.openWindow("one", true)) {
            long expected = engine(300, enginePool);
            KernelObservations seen = window.observations();
            assertThat(Seen.calls(window, DOT)).isEqualTo(expected);
            assertThat(seen.backgroundCalls()).isZero();
        }
    }

    @Test
    void parallelWindowsOnFourThreadsEachCountExactlyTheirOwnWork() throws Exception {
        int windows = 4;
        CyclicBarrier allOpen = new CyclicBarrier(windows);
        ExecutorService tests = Executors.newFixedThreadPool(windows);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                int n = 100 + 50 * w;
                results.add(tests.submit(() -> {
                    ExecutorService own = Executors.newFixedThreadPool(2);
                    try (KernelWindow window = KernelRecorder.openWindow("parallel-" + n, true)) {
                        allOpen.await(30, TimeUnit.SECONDS);
                        long expected = engine(n, own);
                        allOpen.await(30, TimeUnit.SECONDS); // all windows stay open while all count
                        return new long[] {expected, Seen.calls(window, DOT), window.observations().backgroundCalls()};
                    } finally {
                        own.shutdownNow();
                    }
                }));
            }
            for (Future<long[]> r : results) {
                long[] got = r.get(120, TimeUnit.SECONDS);
                assertThat(got[1]).as("calls counted vs the engine's analytic count").isEqualTo(got[0]);
                assertThat(got[2]).as("background calls while the windows were open").isZero();
            }
        } finally {
            tests.shutdownNow();
        }
    }

    @Test
    void aDaemonThreadStartedBeforeTheWindowIsNeverCreditedToIt() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        Thread daemon = new Thread(() -> {
            while (!stop.get()) {
                toy.checkedDot(a, a);
                running.countDown();
            }
        });
        daemon.setDaemon(true);
        daemon.start();
        try {
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            try (KernelWindow window = KernelRecorder.openWindow("quiet-test", true)) {
                Thread.sleep(100);
                KernelObservations seen = window.observations();
                assertThat(seen.kernels()).as("the test itself ran no kernel").isEmpty();
                assertThat(seen.backgroundCalls()).as("the daemon's calls are reported as background").isPositive();
            }
        } finally {
            stop.set(true);
            daemon.join(10_000);
        }
    }

    @Test
    void workCreatedBeforeTheWindowOpensStaysBackgroundEvenWhenItRunsInside() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> early = CompletableFuture.runAsync(() -> {
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dots(25);
        });
        try (KernelWindow window = KernelRecorder.openWindow("late-opener", true)) {
            go.countDown();
            early.get(10, TimeUnit.SECONDS);
            assertThat(Seen.calls(window, DOT)).isZero();
            assertThat(window.observations().backgroundCalls()).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void aThreadThatOutlivesItsWindowCountsAsBackgroundAfterwards() throws Exception {
        CountDownLatch windowClosed = new CountDownLatch(1);
        Thread worker;
        try (KernelWindow window = KernelRecorder.openWindow("short", true)) {
            worker = new Thread(() -> {
                dots(5);
                try {
                    windowClosed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                dots(7);
            });
            worker.start();
            while (Seen.calls(window, DOT) < 5) {
                Thread.onSpinWait();
            }
            window.close();
            try (KernelWindow later = KernelRecorder.openWindow("later", true)) {
                windowClosed.countDown();
                worker.join(10_000);
                assertThat(Seen.calls(window, DOT)).isEqualTo(5);
                assertThat(Seen.calls(later, DOT)).as("never credited to a window that did not cause it").isZero();
                // each checkedDot also calls the dot kernel: two background calls per call
                assertThat(later.observations().backgroundCalls()).isEqualTo(14);
            }
        }
    }

    @Test
    void nestedWindowsCountACallInEveryEnclosingWindowOnEveryThread() throws Exception {
        try (KernelWindow outer = KernelRecorder.openWindow("receipt", true)) {
            dots(3);
            try (KernelWindow inner = KernelRecorder.openWindow("perf", false)) {
                assertThat(inner.production()).as("nested in a production window").isTrue();
                dots(4);
                enginePool.submit(() -> dots(5)).get();
                IntStream.range(0, 6).parallel().forEach(i -> toy.checkedDot(a, a));
                assertThat(Seen.calls(inner, DOT)).isEqualTo(15);
                assertThat(Seen.calls(outer, DOT)).as("an open nested window counts in the outer one").isEqualTo(18);
            }
            dots(1);
            assertThat(Seen.calls(outer, DOT)).isEqualTo(19);
        }
    }

    @Test
    void aReferenceWindowKeepsItsCallsToItselfButNotItsFailures() {
        try (KernelWindow test = KernelRecorder.openWindow("parity-test", true)) {
            dots(2);
            try (KernelWindow reference = KernelRecorder.window("reference").reference().open()) {
                dots(10);
                try {
                    toy.checkedDot(a, new float[1]);
                } catch (IllegalArgumentException expected) {
                    // a failed call of the reference's kernel
                }
                assertThat(Seen.lines(reference)).containsExactly("toy.checked_dot cpu 10/1",
                        "toy.dot cpu-simd 10/0 [avx2] unverified");
            }
            assertThat(Seen.lines(test)).containsExactly("toy.checked_dot cpu 2/1",
                    "toy.dot cpu-simd 2/0 [avx2] unverified");
        }
    }

    @Test
    void anEnginesOwnQueueThreadNeedsWrapWhichCarriesTheWindowExactly() throws Exception {
        BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    queue.take().run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.setDaemon(true);
        consumer.start(); // started outside any window
        try (KernelWindow window = KernelRecorder.openWindow("own-queue", true)) {
            CountDownLatch done = new CountDownLatch(2);
            queue.put(() -> {
                dots(3);
                done.countDown();
            });
            queue.put(KernelRecorder.wrap(() -> {
                dots(4);
                done.countDown();
            }));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Seen.calls(window, DOT)).isEqualTo(4);
            assertThat(window.observations().backgroundCalls()).as("3 checkedDot + 3 dot").isEqualTo(6);
        } finally {
            consumer.interrupt();
        }
    }

    @Test
    void scheduledAndRecurringTasksCarryTheWindowTheyWereScheduledIn() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (KernelWindow window = KernelRecorder.openWindow("scheduled", true)) {
            timer.schedule(() -> dots(2), 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
            CountDownLatch three = new CountDownLatch(3);
            Future<?> recurring = timer.scheduleAtFixedRate(() -> {
                if (three.getCount() > 0) {
                    dots(1);
                    three.countDown();
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
            assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
            recurring.cancel(false);
            assertThat(Seen.calls(window, DOT)).isEqualTo(5);
        } finally {
            timer.shutdownNow();
        }
    }
}
