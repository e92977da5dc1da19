package dev.honestcompute.receipts.bench;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.ReceiptVerification;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.host.HostFingerprint;
import dev.honestcompute.receipts.internal.ReceiptJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Verifying one realistic receipt end to end: parse the JSON, run every rule of the default policy, write the receipt
 * atomically. Target: median at most 1 ms. {@code parseOnly} and {@code writeOnly} are the baselines measured in the
 * same run, so the verify cost shows as a ratio; {@code parseVerify} is the verifier without the file system.
 *
 * <p>The receipt is the test resource {@code good-default-receipt.json} with the real host fingerprint of this machine
 * in {@code host} (all /proc/cpuinfo flags, git, env) and 40 kernels: larger than a typical test's receipt.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifyReceiptBenchmark {

    private byte[] json;
    private Path dir;
    private Path target;
    private ReceiptVerifier verifier;

    /** Where receipts are written: {@code disk} = java.io.tmpdir, {@code tmpfs} = /dev/shm (separates FS cost). */
    @Param({"disk", "tmpfs"})
    public String fs;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ReceiptReadException {
        Path resource = Path.of("src/test/resources/dev/honestcompute/receipts/good-default-receipt.json");
        ObjectNode tree;
        try (InputStream in = Files.newInputStream(resource)) {
            tree = (ObjectNode) ReceiptJson.mapper().readTree(in);
        }
        tree.set("host", HostFingerprint.current().toJson());
        ArrayNode kernels = tree.putArray("kernels");
        ArrayNode stats = tree.putArray("kernel_stats");
        for (int i = 0; i < 40; i++) {
            String id = String.format("kernel_%02d_f32", i);
            kernels.add(id);
            stats.addObject().put("id", id).put("backend", i % 2 == 0 ? "cpu-simd" : "cpu").put("calls", 1000 + i)
                    .put("failed_calls", 0).put("nanos", 123_456L * i).putArray("requires").add("avx2");
        }
        ((ObjectNode) tree.get("claims")).remove("quantization");
        json = ReceiptJson.bytes(tree);
        verifier = ReceiptVerifier.forPolicy("default");
        ReceiptVerification check = verifier.verify(Receipt.parse(new String(json, StandardCharsets.UTF_8), "bench"));
        if (!check.passed()) {
            throw new IllegalStateException("benchmark receipt must pass, so the full rule set runs:\n"
                    + check.describe());
        }
        dir = fs.equals("tmpfs") ? Files.createTempDirectory(Path.of("/dev/shm"), "receipt-bench")
                : Files.createTempDirectory("receipt-bench");
        target = dir.resolve("receipt.json");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Parse + verify + atomic write: what {@code @EmitsReceipt} does per test. */
    @Benchmark
    public ReceiptVerification parseVerifyWrite() throws Exception {
        Receipt receipt = Receipt.parse(new String(json, StandardCharsets.UTF_8), "bench");
        ReceiptVerification result = verifier.verify(receipt);
        receipt.writeTo(target);
        return result;
    }

    /** Parse + verify, no write: the verifier's own cost. */
    @Benchmark
    public ReceiptVerification parseVerify() throws Exception {
        return verifier.verify(Receipt.parse(new String(json, StandardCharsets.UTF_8), "bench"));
    }

    /** Baseline: parse only. */
    @Benchmark
    public Receipt parseOnly() throws Exception {
        return Receipt.parse(new String(json, StandardCharsets.UTF_8), "bench");
    }

    /** Baseline: parse + atomic write, no verification. */
    @Benchmark
    public Receipt parseWrite() throws Exception {
        Receipt receipt = Receipt.parse(new String(json, StandardCharsets.UTF_8), "bench");
        receipt.writeTo(target);
        return receipt;
    }
}
