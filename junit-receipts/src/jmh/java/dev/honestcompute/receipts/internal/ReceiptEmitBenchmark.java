package dev.honestcompute.receipts.internal;

import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryVerifier;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Targets: assemble + check + atomic write of one receipt at most 1 ms (median); the run summary over 1,000
 * receipts (assemble + write, and the verifier's re-check) at most 1 s. Baselines in the same run: a plain
 * {@code Files.write} of a receipt's bytes, and reading + hashing the 1,000 receipt files.
 */
@State(Scope.Benchmark)
public class ReceiptEmitBenchmark {

    private static final int RECEIPTS = 1000;

    Path dir;
    TestRun run;
    byte[] receiptBytes;
    List<SessionReceipts.Written> thousand;
    Path summaryDir;
    Path summaryFile;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("hc-receipt-bench");
        run = run("[engine:junit-jupiter]/[class:com.acme.MatmulTest]/[method:multiplies()]", "multiplies");
        receiptBytes = ReceiptJson.bytes(ReceiptAssembler.assemble(run));

        summaryDir = dir.resolve("summary");
        for (int i = 0; i < RECEIPTS; i++) {
            ReceiptEmitter.emit(summaryDir, run("[engine:junit-jupiter]/[class:com.acme.T" + (i % 20)
                    + "]/[method:m" + i + "()]", "m" + i));
        }
        thousand = SessionReceipts.drain(summaryDir);
        summaryFile = writeSummary();
        if (!RunSummaryVerifier.verify(summaryFile, null).ok()) {
            throw new IllegalStateException("benchmark setup: digests do not match");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The run of one test whose window saw a 48-layer forward pass of {@link BenchKernels}: real observations, made by
     * the recorder agent, as in a user's test.
     */
    private static TestRun run(String uniqueId, String method) {
        if (!RecorderAgent.isInstalled()) {
            throw new IllegalStateException("ReceiptEmitBenchmark needs the recorder agent: run it through the "
                    + "benchmarks profile of junit-receipts (it passes -javaagent:<kernel-recorder jar>)");
        }
        KernelWindow window = KernelRecorder.window(uniqueId).production(true).requestedBackend("cpu").open();
        try {
            BenchKernels.forward();
        } finally {
            window.close();
        }
        KernelObservations seen = window.observations();
        if (seen.totalCalls() == 0) {
            throw new IllegalStateException("ReceiptEmitBenchmark: the recorder saw no kernel call of BenchKernels; "
                    + "is the agent jar the one built from this tree?");
        }
        return new TestRun(uniqueId, uniqueId.substring(uniqueId.indexOf("[class:") + 7, uniqueId.indexOf("]/[method")),
                method, method + "()", true, "passed", null, true, "cpu", false, 0, "", false, "default", seen, true,
                List.of(new TestRun.FixtureUse("tiny-llama", "ab".repeat(32), 1_234_567)), Map.of(), Map.of(),
                Instant.now());
    }

    private Path writeSummary() throws IOException {
        for (SessionReceipts.Written w : thousand) {
            SessionReceipts.register(summaryDir, w);
        }
        Instant now = Instant.now();
        Map<String, RunSummary.TestOutcome> tests = new java.util.LinkedHashMap<>();
        for (SessionReceipts.Written w : thousand) {
            tests.put(w.testId(), new RunSummary.TestOutcome(w.testId(), w.testId(), w.status(), null, null, Boolean.TRUE));
        }
        RunSummary summary = RunSummaries.assemble(summaryDir,
                new RunSummaryMerge.Session(now, now, BuildId.fromSystemProperties(), null, tests, java.util.Set.of(),
                        List.of()));
        RunSummaries.write(summaryDir, summary);
        return summaryDir.resolve(RunSummary.FILE_NAME);
    }

    /** Assemble, check, hash and atomically write one receipt (what {@code @EmitsReceipt} adds per test). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object emitOneReceipt() {
        return ReceiptEmitter.emit(dir, run);
    }

    /** The CPU part alone: assemble the tree, check it, serialize and hash it (no disk). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object assembleCheckHashOnly() {
        var receipt = ReceiptAssembler.assemble(run);
        ReceiptCheck.check(receipt, "default");
        return Sha256.of(ReceiptJson.bytes(receipt));
    }

    /** Baseline: a plain, non-atomic write of the same bytes. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Path baselinePlainWrite() throws IOException {
        return Files.write(dir.resolve("plain.json"), receiptBytes);
    }

    /** Assemble and atomically write the run summary listing 1,000 receipts with their digests. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Path writeSummaryOf1000() throws IOException {
        return writeSummary();
    }

    /** Re-check the summary of 1,000 receipts: digests, consistency, stale scan, replay (what the CLI runs). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object checkDigestsOf1000() throws Exception {
        return RunSummaryVerifier.verify(summaryFile, null);
    }

    /** Baseline: read and hash the 1,000 receipt files, nothing else. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object baselineHash1000() throws IOException {
        List<String> out = new ArrayList<>(RECEIPTS);
        for (SessionReceipts.Written w : thousand) {
            out.add(Sha256.of(Files.readAllBytes(w.path())));
        }
        return out;
    }
}
