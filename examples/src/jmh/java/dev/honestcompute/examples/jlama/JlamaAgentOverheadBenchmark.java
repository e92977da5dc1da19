package dev.honestcompute.examples.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Jlama 0.8.4 greedy generation on the tiny generated llama, measured in tokens per second. The same benchmark runs
 * in forks with and without {@code -javaagent:kernel-recorder.jar} ({@link JlamaAgentOverheadRunner} alternates
 * them); with the agent, a production recording window is open, as in a {@code @EmitsReceipt} test, so every Jlama
 * kernel call goes through the recorder's advice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JlamaAgentOverheadBenchmark {

    /** System property the runner sets in each fork: whether this fork must have the agent. */
    public static final String EXPECT_AGENT = "honestcompute.bench.expectAgent";

    private AbstractModel model;
    private KernelWindow window;
    private Path root;

    /** Generated tokens, reported by JMH per second next to the primary (calls per second) score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tokens {
        public long tokens;
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        boolean expectAgent = Boolean.getBoolean(EXPECT_AGENT);
        if (KernelRecorder.isActive() != expectAgent) {
            throw new IllegalStateException("fork expected the recorder " + (expectAgent ? "active" : "inactive")
                    + " but KernelRecorder.isActive() is " + KernelRecorder.isActive() + ": "
                    + KernelRecorder.activationHint());
        }
        root = Files.createTempDirectory("jlama-bench");
        Path hf = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(7), root).hfDirectory();
        model = ModelSupport.loadModel(hf.toFile(), DType.F32, DType.F32);
        if (expectAgent) {
            window = KernelRecorder.openWindow("JlamaAgentOverheadBenchmark", true);
        }
    }

    @Benchmark
    public int generate(Tokens tokens) {
        Generator.Response r = model.generate(UUID.randomUUID(), PromptContext.of("hi"), 0.0f, 24, (t, p) -> { });
        tokens.tokens += r.generatedTokens;
        return r.generatedTokens;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (window != null) {
            long calls = window.observations().kernels().stream().mapToLong(KernelStats::calls).sum();
            window.close();
            if (calls == 0) {
                throw new IllegalStateException("the agent was active but no Jlama kernel call was recorded: the"
                        + " with-agent numbers would not measure instrumentation");
            }
            System.out.println("[with agent] Jlama kernel calls recorded in this fork: " + calls);
        }
        model.close();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
