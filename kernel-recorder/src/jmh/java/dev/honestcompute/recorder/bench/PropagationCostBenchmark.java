package dev.honestcompute.recorder.bench;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * What context propagation adds to handing work to another thread: an executor submit + get, a common-pool submit +
 * join, and a thread start + join, each with no window open (no context to carry: the hooks only look) and with a
 * production window open on the submitting thread (the context is captured and entered). Both in the same forks, with
 * the agent loaded; the difference is the propagation's cost.
 * <pre>
 * ./mvnw -pl kernel-recorder -Pbenchmarks package exec:exec -DskipTests -Djmh.args="PropagationCost -f 2 -wi 3 -i 5"
 * </pre>
 * The baseline without the agent (what the hooks cost when they only look) runs the same classes in plain JVMs:
 * <pre>
 * java -cp kernel-recorder/target/test-classes:kernel-recorder/target/classes:$(cat cp.txt) org.openjdk.jmh.Main \
 *     PropagationCost -p windowOpen=false -jvmArgs -Dhonestcompute.bench.withoutAgent=true
 * </pre>
 * ({@code cp.txt} from {@code ./mvnw -pl kernel-recorder -Pbenchmarks dependency:build-classpath
 * -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PropagationCostBenchmark {

    @Param({"false", "true"})
    public boolean windowOpen;

    private ExecutorService executor;
    private KernelWindow window;
    private final Runnable empty = () -> { };
    /** Set for the baseline run: the same benchmarks in a JVM without the agent (see the class comment). */
    static final String WITHOUT_AGENT = "honestcompute.bench.withoutAgent";

    @Setup(Level.Trial)
    public void setUp() {
        if (!Boolean.getBoolean(WITHOUT_AGENT)) {
            KernelCallThreadsBenchmark.require();
        }
        executor = Executors.newSingleThreadExecutor();
        if (windowOpen) {
            window = KernelRecorder.openWindow("jmh-propagation", true);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (window != null) {
            window.close();
        }
        executor.shutdownNow();
    }

    @Benchmark
    public Object executorSubmit() throws Exception {
        return executor.submit(empty).get();
    }

    @Benchmark
    public Object commonPoolSubmit() {
        return ForkJoinPool.commonPool().submit(empty).join();
    }

    @Benchmark
    public Object completableFuture() {
        return CompletableFuture.runAsync(empty).join();
    }

    @Benchmark
    public Thread threadStart() throws InterruptedException {
        Thread t = new Thread(empty);
        t.start();
        t.join();
        return t;
    }
}
