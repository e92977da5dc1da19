package dev.honestcompute.examples.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.honestcompute.fixtures.generator.TinyBlockGenerator;
import dev.honestcompute.fixtures.generator.TinyBlockSpec;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ONNX Runtime's session profiling (what the {@code onnxruntime-profiler} evidence source switches on for a
 * session created in a recording window) costs per run of the tiny block: the same model, one session per
 * iteration with profiling {@code off} or {@code on} (a fresh session each iteration, so ONNX Runtime's in-memory
 * event list never reaches its 1,000,000-event cap and stops recording). {@link OnnxProfilingOverheadRunner} prints
 * the on/off ratio of one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OnnxProfilingOverheadBenchmark {

    static final long[] PROMPT = {1, 17, 42, 5, 63, 8, 30};

    @Param({"off", "on"})
    public String profiling;

    private Path dir;
    private Path model;
    private OrtEnvironment env;
    private OnnxTensor input;
    private OrtSession.SessionOptions options;
    private OrtSession session;
    /** Profile bytes ONNX Runtime wrote per measured iteration (on only), to show what a window's close reads. */
    private long profileBytes;

    @Setup(Level.Trial)
    public void generateModel() throws IOException, OrtException {
        dir = Files.createTempDirectory("honestcompute-onnx-bench-");
        model = TinyBlockGenerator.generate(TinyBlockSpec.tiny(42), dir).file();
        env = OrtEnvironment.getEnvironment();
        input = OnnxTensor.createTensor(env, LongBuffer.wrap(PROMPT), new long[] {PROMPT.length});
    }

    @Setup(Level.Iteration)
    public void openSession() throws OrtException {
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        if (profiling.equals("on")) {
            options.enableProfiling(dir.resolve("profile").toString());
        }
        session = env.createSession(model.toString(), options);
    }

    @Benchmark
    public Object run() throws OrtException {
        try (OrtSession.Result result = session.run(Map.of("tokens", input))) {
            return result.get(0).getValue();
        }
    }

    @TearDown(Level.Iteration)
    public void closeSession() throws OrtException, IOException {
        if (profiling.equals("on")) {
            Path profile = Path.of(session.endProfiling());
            profileBytes = Files.size(profile);
            Files.delete(profile);
        }
        session.close();
        options.close();
    }

    @TearDown(Level.Trial)
    public void deleteModel() throws IOException, OrtException {
        input.close();
        if (profiling.equals("on")) {
            System.out.println("\n[onnx-profiling] last iteration's profile: " + profileBytes + " bytes");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
