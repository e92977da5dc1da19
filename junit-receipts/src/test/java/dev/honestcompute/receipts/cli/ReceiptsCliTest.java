package dev.honestcompute.receipts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.BitnetReceipts;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI in-process (fast); {@code ReceiptsCliIT} runs the packaged jar as a real process. */
class ReceiptsCliTest {

    @TempDir
    Path dir;

    /** One CLI invocation's exit code and output. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReceiptsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(run.out() + run.err()).as("no stack trace, ever").doesNotContain("\tat ", "Exception in thread");
        return run;
    }

    private Path goodReceipt(Path target) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dev/honestcompute/receipts/good-default-receipt.json")) {
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    @Test
    void usageHelpAndUnknownCommands() {
        Run none = cli();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("usage: java -jar junit-receipts.jar <command>", "verify", "host");
        Run help = cli("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("verify", "host", "echo-test")
                .contains("exit codes are per command (above); an unknown command exits 2")
                .doesNotContain("exit codes: 0 passed");
        // each command states its own exit codes, indented under its summary
        assertThat(help.out().lines().toList()).contains(
                "             " + VerifyCommand.EXIT_CODES,
                "             exit 0 printed, 2 arguments were given",
                "             exit 0 written, 1 the report could not be written, 2 bad usage or unusable directory",
                "             exit 0 done (regressions without --gate are only printed), 1 compare --gate found a "
                        + "gating regression, 2 bad usage or unusable input",
                "             exit 0 equivalent (block: written), 2 a mismatch, an invalid input or bad usage");
        Run unknown = cli("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void subcommandsRegisteredThroughServiceLoaderAreDispatched() {
        assertThat(ReceiptsCli.subcommands()).containsKeys("verify", "host", "report", "baseline", "replay", "echo-test");
        Run echo = cli("echo-test", "a", "b");
        assertThat(echo.exit()).isZero();
        assertThat(echo.out()).isEqualTo("echo a b" + System.lineSeparator());
        assertThat(cli("echo-test").exit()).isEqualTo(2);
    }

    @Test
    void verifyExitCodesForPassingAndFailingReceipts() throws IOException {
        Run pass = cli("verify", "--policy", "bitnet", BitnetReceipts.quantizedCpuRun().toString());
        assertThat(pass.exit()).isZero();
        assertThat(pass.out()).contains("PASSED (policy bitnet", "verified 1 receipt(s): 1 passed, 0 failed");

        Run fail = cli("verify", "--policy=bitnet", BitnetReceipts.mockRun().toString());
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains(BitnetReceipts.mockRun() + ": FAILED",
                "HC003 ERROR /compute_path", "found:  \"mock\"",
                "reason: compute_path must be 'real' (got 'mock') \u2014 mock inference not allowed",
                "remedy: run the test against the real engine");

        Path ours = goodReceipt(dir.resolve("receipts/com.acme.MatmulTest/simd.json"));
        assertThat(cli("verify", ours.toString()).exit()).isZero();
    }

    @Test
    void directoriesAreRecursiveAndTheRunSummaryDigestsAreChecked() throws Exception {
        Path receipts = dir.resolve("receipts");
        Path one = goodReceipt(receipts.resolve("a/One.json"));
        Path two = goodReceipt(receipts.resolve("b/c/Two.json"));
        Files.writeString(receipts.resolve("notes.txt"), "not json");
        dev.honestcompute.receipts.summary.RunSummaryFiles.write(receipts, new dev.honestcompute.receipts.summary.RunSummary(
                dev.honestcompute.receipts.summary.RunSummary.VERSION, "2026-11-23T10:00:00Z", "2026-11-23T10:00:01Z",
                new dev.honestcompute.receipts.summary.RunSummary.Counts(2, 2, 0, 0, 0, 0), null, null, null,
                java.util.List.of(
                        new dev.honestcompute.receipts.summary.RunSummary.ReceiptDigest("a/One.json",
                                dev.honestcompute.fixtures.hash.Sha256.of(one), "[test:one]", "passed"),
                        new dev.honestcompute.receipts.summary.RunSummary.ReceiptDigest("b/c/Two.json",
                                dev.honestcompute.fixtures.hash.Sha256.of(two), "[test:two]", "passed")),
                null, null));
        Run ok = cli("verify", receipts.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("a/One.json: PASSED", "b/c/Two.json: PASSED", "run-summary.json: run summary OK",
                "verified 2 receipt(s): 2 passed, 0 failed");

        Files.writeString(two, Files.readString(two).replace("\"passed\"", "\"passed\" "));
        Run bad = cli("verify", receipts.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("run summary FAILED", "MODIFIED b/c/Two.json");
    }

    @Test
    void globsMatchFilesAndAnEmptyGlobIsAnInputError() throws IOException {
        Path receipts = dir.resolve("receipts");
        goodReceipt(receipts.resolve("a/One.json"));
        goodReceipt(receipts.resolve("a/b/Two.json"));
        Run glob = cli("verify", receipts + "/**/*.json");
        assertThat(glob.exit()).isZero();
        assertThat(glob.out()).contains("verified 2 receipt(s)");
        Run none = cli("verify", receipts + "/*.xml");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("the glob matches no file");
    }

    @Test
    void jsonOutputIsMachineReadable() throws IOException {
        Run run = cli("verify", "--json", "--policy", "bitnet", BitnetReceipts.mockRun().toString(),
                BitnetReceipts.quantizedCpuRun().toString());
        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = ReceiptJson.mapper().readTree(run.out());
        assertThat(json.path("exit_code").asInt()).isEqualTo(1);
        assertThat(json.path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(json.path("counts").path("passed").asInt()).isEqualTo(1);
        JsonNode first = json.path("results").get(0);
        assertThat(first.path("passed").asBoolean(true)).isFalse();
        assertThat(first.path("violations")).extracting(v -> v.path("rule_id").asText())
                .containsExactly("HC003"); // BitNet.rs stops at its first failure
    }

    @Test
    void badUsageExitsTwoWithAClearMessage() {
        Run policy = cli("verify", "--policy", "strict", "x.json");
        assertThat(policy.exit()).isEqualTo(2);
        assertThat(policy.err()).contains("unknown receipt policy 'strict'; valid policies: default, bitnet, "
                + "bitnet-strict");
        assertThat(cli("verify").err()).contains("verify: no PATH given");
        assertThat(cli("verify", "--policy").err()).contains("--policy needs a value");
        assertThat(cli("verify", "--frob", "x").err()).contains("unknown option '--frob'");
    }

    @Test
    void unreadableInputsExitTwoNamingTheFileAndTheProblem() throws IOException {
        Path missing = dir.resolve("missing.json");
        Run r1 = cli("verify", missing.toString());
        assertThat(r1.exit()).isEqualTo(2);
        assertThat(r1.err()).contains(missing + ": UNREADABLE: no such file or directory");

        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"kernels\": [\"a\",,]}");
        assertThat(cli("verify", malformed.toString()).err())
                .contains(malformed + ": UNREADABLE: malformed JSON at line 1");

        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse
        }
        Run r3 = cli("verify", huge.toString());
        assertThat(r3.exit()).isEqualTo(2);
        assertThat(r3.err()).contains("huge.json: UNREADABLE: file is 1073741824 bytes, larger than the");

        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThat(cli("verify", deep.toString()).err()).contains("deep.json: UNREADABLE: exceeds a parser limit");

        Path emptyDir = Files.createDirectories(dir.resolve("empty.json")); // a directory named like a file
        assertThat(cli("verify", emptyDir.toString()).err()).contains("directory contains no *.json file");

        assertThat(cli("verify", "/dev/null").err()).contains("/dev/null: UNREADABLE: empty file");

        // One unreadable input among good ones still exits 2 (after verifying the others).
        Path good = goodReceipt(dir.resolve("good.json"));
        Run mixed = cli("verify", good.toString(), missing.toString());
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.out()).contains("good.json: PASSED", "1 unreadable input(s)");
    }

    @Test
    void permissionDeniedIsReportedWhenTheOsEnforcesIt() throws IOException {
        Path locked = goodReceipt(dir.resolve("locked.json"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Run run = cli("verify", locked.toString());
        if (Files.isReadable(locked)) {
            // Running as root: chmod 000 does not stop reading, so the receipt is simply verified.
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("locked.json: PASSED");
        } else {
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("locked.json: UNREADABLE: permission denied");
        }
    }

    @Test
    void wrongTypesAreViolationsNamingFieldAndValueNotCrashes() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"schema_version\": 3, \"kernels\": \"all\","
                + " \"compute_path\": \"real\", \"performance_baseline\": {\"tokens_per_second\": \"NaN\"}}");
        Run run = cli("verify", wrong.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("HC001 ERROR /schema_version", "found:  3",
                "HC005 ERROR /kernels", "found:  \"all\"",
                "HC025 ERROR /performance_baseline/tokens_per_second", "found:  \"NaN\"");
    }
}
