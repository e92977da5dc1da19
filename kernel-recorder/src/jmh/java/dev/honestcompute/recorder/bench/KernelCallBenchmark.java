package dev.honestcompute.recorder.bench;

import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one empty recorded kernel call against the same empty method uninstrumented, with a recording window open on
 * the benchmark thread (the hot path a test sees). Run with the agent on the fork's command line, timing off:
 * <pre>
 * ./mvnw -pl kernel-recorder -Pbenchmarks verify exec:exec -DskipTests -Djmh.args="KernelCall -f 1 -wi 3 -i 5"
 * </pre>
 * {@link TimedKernelCallBenchmark} is the same with {@code -Dhonestcompute.recorder.timing=true},
 * {@link SampledKernelCallBenchmark} with {@code timing=sampled}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KernelCallBenchmark {

    private KernelWindow window;
    private int x = 17;

    @Setup(Level.Trial)
    public void open() {
        if (!KernelRecorder.isActive()) {
            throw new IllegalStateException("recorder inactive: " + KernelRecorder.activationHint());
        }
        window = KernelRecorder.openWindow("jmh", false);
        recorded(1);
        if (window.observations().kernels().stream().noneMatch(k -> k.id().equals("bench.empty") && k.calls() == 1)) {
            window.close();
            throw new IllegalStateException("the recorded kernel was not counted: the benchmark would measure nothing");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        window.close();
    }

    static int plain(int v) {
        return v + 1;
    }

    @Kernel(id = "bench.empty", backend = "cpu")
    static int recorded(int v) {
        return v + 1;
    }

    @Benchmark
    public void baseline(Blackhole bh) {
        bh.consume(plain(x));
    }

    @Benchmark
    public void recordedKernel(Blackhole bh) {
        bh.consume(recorded(x));
    }
}
