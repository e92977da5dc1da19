package dev.honestcompute.examples.engine;

import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The examples' multi-threaded path: greedy generation with the {@code parallel-simd} backend, whose matmul row blocks
 * (16 rows of 256 floats) run on the ForkJoin common pool, in tokens per second. {@link AgentOverheadRunner} runs it in
 * forks without the agent, with it (timing off) and with {@code timing=sampled}; with the agent a production window
 * is open, so every block on every pool thread goes through the recorder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParallelEngineBenchmark {

    /** A model with rows of a few hundred floats: hidden 256, intermediate 512, 2 layers, vocab 384. */
    static final TinyLlamaSpec SPEC = new TinyLlamaSpec(256, 512, 2, 8, 4, 384, 256, 10000.0, 1e-5, 11);
    static final int[] PROMPT = {1, 300, 280, 317};

    private LlamaEngine engine;
    private KernelWindow window;
    private Path root;

    /** Generated tokens, reported per second next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tokens {
        public long tokens;
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        AgentOverheadRunner.checkFork();
        root = Files.createTempDirectory("parallel-engine-bench");
        engine = new LlamaEngine(LlamaModel.loadHf(TinyLlamaGenerator.generate(SPEC, root).hfDirectory()),
                ComputeBackend.parallelSimd());
        if (KernelRecorder.isActive()) {
            window = KernelRecorder.openWindow("ParallelEngineBenchmark", true);
        }
    }

    @Benchmark
    public int generate(Tokens tokens) {
        int[] out = engine.generate(PROMPT, 16);
        tokens.tokens += out.length;
        return out[out.length - 1];
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (window != null) {
            window.close();
            long calls = window.observations().kernels().stream().mapToLong(KernelStats::calls).sum();
            long background = window.observations().backgroundCalls();
            if (calls == 0) {
                throw new IllegalStateException("the agent was active but no kernel call was recorded");
            }
            System.out.println("[with agent] kernel calls recorded in this fork: " + calls + ", background: "
                    + background);
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
