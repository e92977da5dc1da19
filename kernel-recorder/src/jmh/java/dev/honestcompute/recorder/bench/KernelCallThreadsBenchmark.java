package dev.honestcompute.recorder.bench;

import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Cost per empty kernel call on the window's own thread and on a pool thread (a thread that is not the window's, doing
 * work propagated from it), against the same empty method uninstrumented, measured in the same run. Each operation
 * is {@value #CALLS} calls; the pool-thread variant enters the window's context once per operation, as a pool task
 * does. {@link KernelCallThreads2Benchmark} runs the same with two threads at once: the cost must stay flat.
 * <pre>
 * ./mvnw -pl kernel-recorder -Pbenchmarks verify exec:exec -DskipTests -Djmh.args="KernelCallThreads -f 1 -wi 3 -i 5"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@State(Scope.Thread)
public class KernelCallThreadsBenchmark {

    static final int CALLS = 10_000;

    /** One window per benchmark thread, opened on that thread. */
    @State(Scope.Thread)
    public static class OwnWindow {
        KernelWindow window;

        @Setup(Level.Trial)
        public void open() {
            require();
            window = KernelRecorder.openWindow("jmh-own-" + Thread.currentThread().getName(), false);
        }

        @TearDown(Level.Trial)
        public void close() {
            window.close();
            checkCounted(window);
        }
    }

    /**
     * One window opened on a thread of its own; the benchmark threads run in its context like pool threads: a task
     * wrapped there carries the window to whichever thread runs it.
     */
    @State(Scope.Benchmark)
    public static class SharedWindow {
        KernelWindow window;
        Runnable carried;
        final ThreadLocal<Runnable> body = new ThreadLocal<>();

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            require();
            Thread opener = new Thread(() -> {
                window = KernelRecorder.openWindow("jmh-pool", false);
                carried = KernelRecorder.wrap(() -> body.get().run());
            });
            opener.start();
            opener.join();
        }

        @TearDown(Level.Trial)
        public void close() {
            window.close();
            checkCounted(window);
        }
    }

    static void require() {
        if (!KernelRecorder.isActive()) {
            throw new IllegalStateException("recorder inactive: " + KernelRecorder.activationHint());
        }
    }

    static void checkCounted(KernelWindow window) {
        if (window.observations().kernels().stream().noneMatch(k -> k.id().equals("bench.empty") && k.calls() > 0)) {
            throw new IllegalStateException("no bench.empty call was counted in " + window.owner()
                    + ": the benchmark measured nothing");
        }
    }

    static int plain(int v) {
        return v + 1;
    }

    @Kernel(id = "bench.empty", backend = "cpu")
    static int recorded(int v) {
        return v + 1;
    }

    private int x = 17;

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void baseline(Blackhole bh) {
        for (int i = 0; i < CALLS; i++) {
            bh.consume(plain(x));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void windowThread(OwnWindow w, Blackhole bh) {
        for (int i = 0; i < CALLS; i++) {
            bh.consume(recorded(x));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void poolThread(SharedWindow shared, Blackhole bh) {
        // the task's context is entered once per task, then every call is the hot path on a non-window thread
        shared.body.set(() -> {
            for (int i = 0; i < CALLS; i++) {
                bh.consume(recorded(x));
            }
        });
        shared.carried.run();
    }
}
