package dev.honestcompute.receipts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.BitnetReceipts;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code java -jar target/junit-receipts-<version>-cli.jar} (self-contained, shaded) as a real process. */
class ReceiptsCliIT {

    @TempDir
    Path dir;

    record Proc(int exit, String out, String err) {
    }

    static Path jar() {
        String prop = System.getProperty("receipts.cli.jar");
        assertThat(prop).as("system property receipts.cli.jar (set by Failsafe in junit-receipts/pom.xml)").isNotNull();
        Path jar = Path.of(prop);
        assertThat(jar).as("packaged CLI jar").isRegularFile();
        return jar;
    }

    private Proc java(List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CLI did not finish within 120 s: " + cmd);
        }
        Proc proc = new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        assertThat(proc.out() + proc.err()).as("no stack trace").doesNotContain("\tat ", "Exception in thread");
        return proc;
    }

    private Proc cli(String... args) throws Exception {
        return java(List.of(), args);
    }

    @Test
    void passingReceiptExitsZero() throws Exception {
        Proc p = cli("verify", "--policy", "bitnet", "--no-run-summary", BitnetReceipts.quantizedCpuRun().toString());
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.out()).contains("PASSED (policy bitnet, 0 error(s), 0 warning(s))");

        Path ours = dir.resolve("receipts/Our.json");
        Files.createDirectories(ours.getParent());
        try (var in = getClass().getResourceAsStream("/dev/honestcompute/receipts/good-default-receipt.json")) {
            Files.write(ours, in.readAllBytes());
        }
        Files.writeString(ours.resolveSibling("run-summary.json"), "{}");
        Proc dirRun = cli("verify", ours.getParent().toString());
        // The packaged jar checks run summaries itself: "{}" is not one, and that is unreadable input (exit 2).
        assertThat(dirRun.exit()).as(dirRun.out() + dirRun.err()).isEqualTo(2);
        assertThat(dirRun.out() + dirRun.err()).contains("run-summary.json");
    }

    @Test
    void failingReceiptExitsOneWithHumanAndJsonOutput() throws Exception {
        String negative = BitnetReceipts.mockRun().toString();
        Proc human = cli("verify", "--policy", "bitnet", "--no-run-summary", negative);
        assertThat(human.exit()).isEqualTo(1);
        assertThat(human.out()).contains(negative + ": FAILED (policy bitnet, 1 error(s)", "HC003 ERROR /compute_path",
                "reason: compute_path must be 'real' (got 'mock') \u2014 mock inference not allowed", "remedy: ");

        Proc strict = cli("verify", "--policy", "bitnet-strict", "--no-run-summary", negative);
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains(negative + ": FAILED (policy bitnet-strict, 3 error(s)",
                "HC003 ERROR /compute_path", "HC022 ERROR /test_results/failed", "found:  3",
                "HC025 ERROR /performance_baseline/tokens_per_second");

        Proc json = cli("verify", "--json", "--policy", "bitnet", "--no-run-summary", negative);
        assertThat(json.exit()).isEqualTo(1);
        JsonNode tree = ReceiptJson.mapper().readTree(json.out());
        assertThat(tree.path("results").get(0).path("violations")).extracting(v -> v.path("rule_id").asText())
                .containsExactly("HC003");
        assertThat(tree.path("results").get(0).path("violations").get(0).path("found").asText())
                .isEqualTo("\"mock\"");
    }

    @Test
    void unreadableInputAndBadUsageExitTwo() throws Exception {
        Proc missing = cli("verify", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: UNREADABLE: no such file or directory");

        Path malformed = Files.writeString(dir.resolve("bad.json"), "{ not json");
        Proc bad = cli("verify", "--json", malformed.toString());
        assertThat(bad.exit()).isEqualTo(2);
        JsonNode tree = ReceiptJson.mapper().readTree(bad.out());
        assertThat(tree.path("unreadable").get(0).path("message").asText()).startsWith("malformed JSON at line 1");

        Proc usage = cli();
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("usage: java -jar junit-receipts.jar");
        assertThat(cli("verify", "--policy", "nope", "x").err())
                .contains("valid policies: default, bitnet, bitnet-strict");
    }

    /** BitNet.rs's exit codes from a real process: xtask's classify_exit (BitnetVerdictsTest has every row). */
    @Test
    void bitnetExitCodesAsARealProcess() throws Exception {
        String[] bitnet = {"verify", "--policy", "bitnet", "--exit-codes", "bitnet"};
        assertThat(cli(concat(bitnet, BitnetReceipts.quantizedCpuRun().toString())).exit()).isZero();
        Proc cpu = cli(concat(bitnet, BitnetReceipts.path("cpu-no-quantized.json").toString()));
        assertThat(cpu.exit()).as(cpu.out()).isEqualTo(15); // EXIT_VERIFICATION_FAILED
        assertThat(cpu.out()).contains("reason: CPU backend verification failed: no quantized kernels found.");
        Proc mock = cli(concat(bitnet, BitnetReceipts.mockRun().toString()));
        assertThat(mock.exit()).isEqualTo(14); // classify_exit's fallback, EXIT_NETWORK
        assertThat(mock.out()).contains("compute_path must be 'real' (got 'mock')");
        Proc missing = cli(concat(bitnet, dir.resolve("nope.json").toString()));
        assertThat(missing.exit()).isEqualTo(14);
        assertThat(missing.err()).contains("nope.json: UNREADABLE: no such file or directory");
        Proc gpu = cli(concat(bitnet, "--require-gpu-kernels", BitnetReceipts.quantizedCpuRun().toString()));
        assertThat(gpu.exit()).isEqualTo(14);
        assertThat(gpu.out()).contains("GPU kernel verification required (--require-gpu-kernels flag set)");
        assertThat(cli(concat(bitnet, "--frob")).exit()).isEqualTo(2); // clap's usage error
        // without --exit-codes bitnet, ours
        assertThat(cli("verify", "--policy", "bitnet", BitnetReceipts.path("cpu-no-quantized.json").toString())
                .exit()).isEqualTo(1);
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void hostCommandRecordsTheVectorApiWhenTheModuleIsAdded() throws Exception {
        Proc with = java(List.of("--add-modules", "jdk.incubator.vector"), "host");
        assertThat(with.exit()).as(with.err()).isZero();
        JsonNode host = ReceiptJson.mapper().readTree(with.out());
        assertThat(host.path("vector_api").path("present").asBoolean()).isTrue();
        assertThat(host.path("vector_api").path("preferred_bits").asInt()).isGreaterThanOrEqualTo(64);
        assertThat(host.path("java_feature_version").asInt()).isEqualTo(Runtime.version().feature());

        JsonNode without = ReceiptJson.mapper().readTree(cli("host").out());
        assertThat(without.path("vector_api").path("present").asBoolean(true)).isFalse();
    }

    @Test
    void theJarIsSelfContainedWithJacksonRelocatedAndNoJunitInside() throws IOException {
        try (var jar = new java.util.jar.JarFile(jar().toFile())) {
            var attrs = jar.getManifest().getMainAttributes();
            assertThat(attrs.getValue("Main-Class")).isEqualTo("dev.honestcompute.receipts.cli.ReceiptsCli");
            assertThat(attrs.getValue("Class-Path")).as("nothing outside the jar").isNull();
            List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).toList();
            assertThat(names).filteredOn(n -> n.startsWith("org/junit/") || n.startsWith("org/opentest4j/")
                    || n.contains("LauncherSessionListener")).as("JUnit inside the CLI jar").isEmpty();
            assertThat(names).filteredOn(n -> n.startsWith("com/fasterxml/")).as("unrelocated Jackson").isEmpty();
            assertThat(names).contains("dev/honestcompute/receipts/cli/shaded/jackson/databind/ObjectMapper.class",
                    "dev/honestcompute/receipts/cli/ReceiptsCli.class");
        }
    }
}
