package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.RunSessions;
import dev.honestcompute.receipts.SpecialFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded work for any input, in the packaged CLI under a small heap: huge receipts (generated here, under
 * {@code target/}), special files and an input larger than the heap end in seconds with a short, clean message.
 */
class VerifyBoundsIT {

    /** The target: a 60 MB receipt verified under -Xmx256m in under 10 s with under 100 KB of output. */
    static final List<String> SMALL_HEAP = List.of("-Xmx256m");
    static final long MAX_MILLIS = 10_000;
    static final long MAX_OUTPUT_BYTES = 100 * 1024;

    @TempDir
    Path work;
    Processes processes;

    @BeforeEach
    void setUp() {
        processes = new Processes(work);
    }

    /** A receipt whose {@code kernels} lists {@code ids} ids that no kernel_stats entry backs (HC015 once per id). */
    static Path receiptWithKernelIds(Path file, int ids) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"schema_version\":\"1.0.0\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"compute_path\":\"real\","
                    + "\"backend\":\"cpu\",\"recorder\":{\"active\":true},\"kernel_stats\":[],\"kernels\":[");
            for (int i = 0; i < ids; i++) {
                w.write(i == 0 ? "\"k_" : ",\"k_");
                w.write(String.format("%07d", i));
                w.write('"');
            }
            w.write("]}");
        }
        return file;
    }

    private static Path target(String name) throws IOException {
        // generated under target/ (cleaned by mvn clean), not in the temp directory: the files are large
        return Files.createDirectories(Path.of("target", "it-bounds")).resolve(name).toAbsolutePath();
    }

    private static void bounded(String what, Processes.Proc p) {
        bounded(what, p, MAX_MILLIS);
    }

    private static void bounded(String what, Processes.Proc p, long maxMillis) {
        System.out.println("measured (" + what + "): " + p.millis() + " ms, " + p.outBytes() + " bytes of output, exit "
                + p.exit());
        assertThat(p.millis()).as("wall time in ms").isLessThan(maxMillis);
        assertThat(p.outBytes()).as("bytes printed").isLessThan(MAX_OUTPUT_BYTES);
    }

    @Test
    void aSixtyMegabyteReceiptWithFiveMillionKernelIdsIsRefusedQuicklyUnderASmallHeap() throws Exception {
        Path big = receiptWithKernelIds(target("five-million-ids.json"), 5_000_000);
        assertThat(Files.size(big)).isGreaterThan(59_000_000L);

        Processes.Proc alone = processes.cli(SMALL_HEAP, "verify", "--no-run-summary", big.toString());
        bounded("60 MB receipt, 5M ids, alone", alone);
        assertThat(alone.exit()).as(alone.err()).isEqualTo(2);
        assertThat(alone.err()).contains(big + ": UNREADABLE: exceeds a parser limit", "1000000 JSON tokens in a "
                + "receipt", "this is not a file Honest Compute wrote");

        // the same file smuggled into a real run's directory: the run check reports it too, still bounded
        Path receipts = work.resolve("receipts");
        RunSessions.run(receipts, "build-b", RunSessions.CLASS_LEVEL);
        Files.copy(big, Files.createDirectories(receipts.resolve("com.acme.Big")).resolve("huge.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Processes.Proc inRun = processes.cli(SMALL_HEAP, "verify", receipts.toString());
        bounded("60 MB receipt in a run directory", inRun);
        assertThat(inRun.exit()).isEqualTo(2);
        assertThat(inRun.out()).contains("first.json: PASSED", "run summary FAILED", "UNLISTED com.acme.Big/huge.json");
        assertThat(inRun.err()).contains("huge.json: UNREADABLE: exceeds a parser limit");
    }

    @Test
    void aReceiptWithHalfAMillionUnobservedKernelIdsGivesAShortReport() throws Exception {
        Path big = receiptWithKernelIds(target("570k-ids.json"), 570_000);
        assertThat(Files.size(big)).isGreaterThan(6_000_000L);

        Processes.Proc p = processes.cli(SMALL_HEAP, "verify", "--no-run-summary", big.toString());
        bounded("570k-id receipt", p);
        assertThat(p.exit()).as(p.err()).isEqualTo(1);
        assertThat(p.out()).contains("HC009 ERROR /kernels", "kernels has 570000 entries, more than 10000",
                "HC015 ERROR /kernels/0", "... and " + (570_000 - 20) + " more HC015 violation(s) in this receipt, not "
                        + "listed: each rule lists its first 20");
        Processes.Proc json = processes.cli(SMALL_HEAP, "verify", "--json", "--no-run-summary", big.toString());
        bounded("570k-id receipt --json", json);
        assertThat(json.exit()).isEqualTo(1);
    }

    @Test
    void specialFilesNeverHangAndAreRefusedWithoutBeingOpened() throws Exception {
        Path fifo = SpecialFiles.fifo(work.resolve("pipe.json"));
        Processes.Proc p = processes.cli(SMALL_HEAP, "verify", "/dev/zero", fifo.toString(), "/dev/null");
        bounded("FIFO and devices", p);
        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("/dev/zero: UNREADABLE: not a regular file (a character device)",
                fifo + ": UNREADABLE: not a regular file (a named pipe (FIFO))",
                "/dev/null: UNREADABLE: not a regular file (a character device)");
        Processes.Proc key = processes.cli(SMALL_HEAP, "verify", "--public-key", fifo.toString(), work.toString());
        bounded("FIFO as --public-key", key);
        assertThat(key.exit()).isEqualTo(2);
        assertThat(key.err()).contains("not a regular file (a named pipe (FIFO))");
    }

    @Test
    void anInputLargerThanTheHeapIsACleanMessageNotAnOutOfMemoryStackTrace() throws Exception {
        Path padded = target("padded.json");
        try (BufferedWriter w = Files.newBufferedWriter(padded, StandardCharsets.UTF_8)) {
            w.write("{\"kernels\": [");
            char[] spaces = new char[1 << 20];
            java.util.Arrays.fill(spaces, ' ');
            for (int i = 0; i < 48; i++) {
                w.write(spaces);
            }
            w.write("]}");
        }
        Path good = work.resolve("good.json");
        try (var in = getClass().getResourceAsStream("/dev/honestcompute/receipts/good-default-receipt.json")) {
            Files.write(good, in.readAllBytes());
        }
        Processes.Proc p = processes.cli(List.of("-Xmx24m", "-XX:+UseSerialGC"), "verify", "--no-run-summary",
                padded.toString(), good.toString());
        bounded("48 MB receipt under -Xmx24m", p);
        assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(2);
        assertThat(p.err()).contains(padded + ": UNREADABLE: too large to check in this JVM's heap (max ")
                .doesNotContain("OutOfMemoryError");
        assertThat(p.out()).as("the other input is still checked").contains("good.json: PASSED");
    }

    @Test
    void aRunSummaryTooLargeForTheHeapIsACleanMessageToo() throws Exception {
        Path dir = Files.createDirectories(target("big-summary"));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("run-summary.json"), StandardCharsets.UTF_8)) {
            w.write("{\"summary_version\":\"1.1.0\",\"build_id\":\"b\",\"build_id_source\":\"configured\","
                    + "\"started_at\":\"2026-11-23T10:00:00Z\",\"finished_at\":\"2026-11-23T10:00:01Z\",\"sessions\":1,"
                    + "\"receipts\":[],\"tests\":[");
            for (int i = 0; i < 1_500_000; i++) {
                w.write((i == 0 ? "" : ",") + "{\"test\":\"t" + i + "\",\"status\":\"passed\"}");
            }
            w.write("]}");
        }
        Processes.Proc p = processes.cli(SMALL_HEAP, "verify", dir.toString());
        // the JVM collects hard before it gives up on the heap: 3.5 s on a quiet 2-core box, 7 s on a busy one
        bounded("57 MB run summary, 1.5M tests", p, 3 * MAX_MILLIS);
        assertThat(p.exit()).as(p.out() + p.err()).isEqualTo(2);
        assertThat(p.err()).contains("run-summary.json: UNREADABLE: too large to check in this JVM's heap (max ",
                "run the verifier with more heap");
    }
}
