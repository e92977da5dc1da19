package dev.honestcompute.examples.engine;

import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scalar vs Vector API: one square matmul and full forward passes of the tiny llama (a fresh
 * 8-token sequence per call, KV cache included). {@link EngineBenchmarkRunner} prints SIMD/scalar ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class EngineBenchmark {

    @State(Scope.Thread)
    public static class Matmul {
        @Param({"64", "512"})
        public int size;
        float[] w;
        float[] x;
        float[] out;

        @Setup
        public void setUp() {
            Random rnd = new Random(1);
            w = new float[size * size];
            x = new float[size];
            out = new float[size];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextGaussian();
            }
            for (int i = 0; i < size; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
        }
    }

    @State(Scope.Thread)
    public static class Forward {
        static final int[] PROMPT = {1, 300, 280, 317, 265, 330, 290, 301};
        LlamaEngine scalar;
        LlamaEngine simd;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path dir = Files.createTempDirectory("engine-bench");
            LlamaModel model = LlamaModel.loadHf(TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(42), dir).hfDirectory());
            scalar = new LlamaEngine(model, ComputeBackend.scalar());
            simd = new LlamaEngine(model, ComputeBackend.simd());
        }

        /** A fixed amount of work per call: a fresh sequence of 8 tokens (8 full forward passes). */
        float[] prompt(LlamaEngine engine) {
            engine.reset();
            float[] logits = null;
            for (int t : PROMPT) {
                logits = engine.forward(t);
            }
            return logits;
        }
    }

    @Benchmark
    public float[] matmulScalar(Matmul m) {
        ScalarKernels.matmul(m.w, m.size, m.size, m.x, m.out);
        return m.out;
    }

    @Benchmark
    public float[] matmulSimd(Matmul m) {
        SimdKernels.matmul(m.w, m.size, m.size, m.x, m.out);
        return m.out;
    }

    @Benchmark
    public float[] forward8TokensScalar(Forward f) {
        return f.prompt(f.scalar);
    }

    @Benchmark
    public float[] forward8TokensSimd(Forward f) {
        return f.prompt(f.simd);
    }
}
