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
        Run pass = cli("verify", "--policy", "bitnet", "--no-run-summary", BitnetReceipts.quantizedCpuRun().toString());
        assertThat(pass.exit()).isZero();
        assertThat(pass.out()).contains("PASSED (policy bitnet", "verified 1 receipt(s): 1 passed, 0 failed")
                .contains("1 receipt(s) verified WITHOUT A RUN SUMMARY (--no-run-summary)")
                .contains("1 receipt(s) without a run summary (accepted: --no-run-summary)");

        Run fail = cli("verify", "--policy=bitnet", "--no-run-summary", BitnetReceipts.mockRun().toString());
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains(BitnetReceipts.mockRun() + ": FAILED",
                "HC003 ERROR /compute_path", "found:  \"mock\"",
                "reason: compute_path must be 'real' (got 'mock') \u2014 mock inference not allowed",
                "remedy: run the test against the real engine");

        Path ours = goodReceipt(dir.resolve("receipts/com.acme.MatmulTest/simd.json"));
        assertThat(cli("verify", "--no-run-summary", ours.toString()).exit()).isZero();
    }

    @Test
    void receiptsWithoutARunSummaryFailUnlessTheOptionForForeignReceiptsIsGiven() throws IOException {
        Path ours = goodReceipt(dir.resolve("receipts/com.acme.MatmulTest/simd.json"));
        for (String operand : new String[] {ours.toString(), dir.resolve("receipts").toString(),
                dir.resolve("receipts") + "/**.json"}) {
            Run run = cli("verify", operand);
            assertThat(run.exit()).as(operand + "\n" + run.out()).isEqualTo(1);
            assertThat(run.out()).contains("simd.json: PASSED", "NO RUN SUMMARY: 1 receipt(s)",
                    "and no run-summary.json in ", "the run did not finish, or its summary was removed",
                    "verify them with --no-run-summary", "1 receipt(s) without a run summary");
        }
        Run foreign = cli("verify", "--no-run-summary", dir.resolve("receipts").toString());
        assertThat(foreign.exit()).isZero();
        assertThat(foreign.out()).contains("WITHOUT A RUN SUMMARY (--no-run-summary), e.g. com.acme.MatmulTest/simd.json:"
                + " nothing shows they are complete, unedited or of one build");
    }

    @Test
    void directoriesAreRecursiveAndTheRunSummaryIsChecked() throws Exception {
        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, "build-7", dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);
        Files.writeString(receipts.resolve("notes.txt"), "not json");
        Run ok = cli("verify", receipts.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("first.json: PASSED", "second.json: PASSED", "nested.json: PASSED")
                .contains("run-summary.json: run summary OK (build build-7 (configured), 1 session(s), 3 test(s), "
                        + "3 receipt(s); not signed)")
                .contains("verified 3 receipt(s): 3 passed, 0 failed; 1 run summary(ies): 1 OK, 0 FAILED");

        Path two = dev.honestcompute.receipts.RunSessions.receipt(receipts, "second.json");
        Files.writeString(two, Files.readString(two).replace("\"passed\"", "\"passed\" "));
        Run bad = cli("verify", receipts.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("run summary FAILED", "MODIFIED ", "second.json: sha256 is ");
    }

    @Test
    void aSingleFileOrAGlobFindsTheSummaryOfItsDirectory() throws Exception {
        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, "build-8", dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);
        Path two = dev.honestcompute.receipts.RunSessions.receipt(receipts, "second.json");
        Path stranger = Files.copy(two, two.resolveSibling("smuggled.json"));
        for (String operand : new String[] {two.toString(), two.getParent() + "/*.json", receipts + "/**.json",
                receipts + "/**/*.json"}) {
            Run run = cli("verify", operand);
            // every way of naming receipts checks the run: the copied-in receipt fails it
            assertThat(run.exit()).as(operand + "\n" + run.out()).isEqualTo(1);
            assertThat(run.out()).as(operand).contains(receipts.resolve("run-summary.json") + ": run summary FAILED",
                    "UNLISTED ", "smuggled.json: a second receipt of test");
        }
        Files.delete(stranger);
        Run single = cli("verify", two.toString());
        assertThat(single.exit()).as(single.out()).isZero();
        assertThat(single.out()).contains("verified 1 receipt(s): 1 passed, 0 failed; 1 run summary(ies): 1 OK");
    }

    @Test
    void globsMatchFilesAndAnEmptyOrMalformedGlobIsAnInputErrorThatLeavesTheOthersChecked() throws IOException {
        Path receipts = dir.resolve("receipts");
        goodReceipt(receipts.resolve("a/One.json"));
        goodReceipt(receipts.resolve("a/b/Two.json"));
        Run glob = cli("verify", "--no-run-summary", receipts + "/**.json");
        assertThat(glob.exit()).isZero();
        assertThat(glob.out()).contains("verified 2 receipt(s)");
        Run none = cli("verify", "--no-run-summary", receipts + "/*.xml");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("the glob matches no file");
        for (String malformed : new String[] {receipts + "/[a.json", receipts + "/{a,b.json"}) {
            Run bad = cli("verify", "--no-run-summary", malformed, receipts.resolve("a/One.json").toString());
            assertThat(bad.exit()).as(malformed).isEqualTo(2);
            assertThat(bad.err()).contains(malformed + ": UNREADABLE: not a valid glob: ").doesNotContain("internal error");
            assertThat(bad.out()).contains("One.json: PASSED", "verified 1 receipt(s): 1 passed, 0 failed");
        }
    }

    @Test
    void helpSuggestsAGlobThatAlsoMatchesTheTopLevelFiles() {
        Run help = cli("verify", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("'target/receipts/**.json'", "--public-key FILE", "--no-run-summary")
                .doesNotContain("**/*.json");
        assertThat(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:target/receipts/**.json")
                .matches(Path.of("target/receipts/run-summary.json"))).isTrue();
    }

    @Test
    void aSignedRunVerifiesWithItsPublicKeyAndTheOutputSaysWhetherTheRunWasSigned() throws Exception {
        Run keygen = cli("keygen", "--out", dir.resolve("keys").toString());
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        Path privateKey = dir.resolve("keys/run-signing-key.pem");
        Path publicKey = dir.resolve("keys/run-signing-key.pub.pem");
        assertThat(keygen.out()).contains("private key: " + privateKey, "HONESTCOMPUTE_SIGNING_KEY", "public key:  "
                + publicKey, "key sha256:");
        assertThat(Files.getPosixFilePermissions(privateKey)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Run again = cli("keygen", "--out", dir.resolve("keys").toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("exists; keygen never overwrites a key");

        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, java.util.Map.of("honestcompute.build.id", "build-k",
                "honestcompute.signing.keyFile", privateKey.toString()), dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);

        Run signed = cli("verify", "--public-key", publicKey.toString(), receipts.toString());
        assertThat(signed.exit()).as(signed.out()).isZero();
        assertThat(signed.out()).contains("run summary OK (build build-k (configured), 1 session(s), 3 test(s), 3 "
                + "receipt(s); signature verified with key sha256:");
        Run unchecked = cli("verify", receipts.toString());
        assertThat(unchecked.exit()).isZero();
        assertThat(unchecked.out()).contains("; signed by key sha256:", "not checked: pass --public-key");

        Path other = dir.resolve("other");
        assertThat(cli("keygen", "--out", other.toString()).exit()).isZero();
        Run wrongKey = cli("verify", "--public-key=" + other.resolve("run-signing-key.pub.pem"), receipts.toString());
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("run summary FAILED", "SIGNATURE_INVALID signature: ",
                "signed with another key");

        Path unsigned = dir.resolve("unsigned");
        dev.honestcompute.receipts.RunSessions.run(unsigned, "build-u", dev.honestcompute.receipts.RunSessions.MIXED);
        Run notSigned = cli("verify", "--public-key", publicKey.toString(), unsigned.toString());
        assertThat(notSigned.exit()).isEqualTo(1);
        assertThat(notSigned.out()).contains("NOT_SIGNED signature: ", "not signed, but the public key sha256:");
    }

    @Test
    void aRunCanBePinnedToItsBuildSoAnotherRunCannotStandInForIt() throws Exception {
        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, "gh-1234-1", dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);
        assertThat(cli("verify", "--build-id", "gh-1234-1", receipts.toString()).exit()).isZero();
        Run other = cli("verify", "--build-id=gh-1235-1", receipts.toString());
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).contains("OTHER_BUILD build_id: ", "the summary of build 'gh-1234-1', but build "
                + "'gh-1235-1' was required (--build-id)");
        assertThat(cli("verify", "--build-id").err()).contains("verify: --build-id needs a value");
    }

    @Test
    void receiptsNestedDeeperThanTheWalkGoesAreReportedNotSilentlyLeftOut() throws Exception {
        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, "build-d", dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);
        Path deep = receipts;
        for (int i = 0; i < dev.honestcompute.receipts.summary.RunDirectory.MAX_DEPTH + 3; i++) {
            deep = deep.resolve("d" + i);
        }
        goodReceipt(deep.resolve("hidden.json"));

        Run run = cli("verify", receipts.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(": UNREADABLE: nested more than 32 directories below " + receipts);
        assertThat(run.out()).contains("run summary FAILED", "UNLISTED: ", "nested more than 32 directories below");
        // a glob without ** reaches a fixed depth and walks no deeper
        Run shallow = cli("verify", receipts + "/*/*.json");
        assertThat(shallow.exit()).as(shallow.err()).isEqualTo(1);
        assertThat(shallow.err()).doesNotContain("nested more than");
    }

    @Test
    void anUnusablePublicKeyFileIsBadUsage() throws Exception {
        assertThat(cli("verify", "--public-key").err()).contains("verify: --public-key needs a file");
        Run missing = cli("verify", "--public-key", dir.resolve("nope.pem").toString(), dir.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("verify: --public-key " + dir.resolve("nope.pem") + ": ", "file does not exist");
        Path privateKey = Files.writeString(dir.resolve("private.pem"),
                dev.honestcompute.receipts.summary.RunSigningKey.generate().privateKeyPem());
        Run wrongHalf = cli("verify", "--public-key", privateKey.toString(), dir.toString());
        assertThat(wrongHalf.exit()).isEqualTo(2);
        assertThat(wrongHalf.err()).contains("this is a private key; verify with the public key");
        Run device = cli("verify", "--public-key", "/dev/zero", dir.toString());
        assertThat(device.exit()).isEqualTo(2);
        assertThat(device.err()).contains("not a regular file (a character device)");
        assertThat(cli("keygen").err()).contains("keygen: expected --out DIR");
    }

    @Test
    void aFifoAmongTheReceiptsIsReportedNeverOpenedAndTheOthersAreStillChecked() throws Exception {
        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, "build-f", dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);
        Path fifo = dev.honestcompute.receipts.SpecialFiles.fifo(receipts.resolve("pipe.json"));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            Run dirRun = cli("verify", receipts.toString());
            assertThat(dirRun.exit()).isEqualTo(2);
            assertThat(dirRun.err()).contains(fifo + ": UNREADABLE: not a regular file");
            assertThat(dirRun.out()).contains("first.json: PASSED", "run summary FAILED", "UNLISTED pipe.json: ");
            Run fileRun = cli("verify", fifo.toString());
            assertThat(fileRun.exit()).isEqualTo(2);
            assertThat(fileRun.err()).contains(fifo + ": UNREADABLE: not a regular file (a named pipe (FIFO))");
            Run glob = cli("verify", receipts + "/*.json");
            assertThat(glob.exit()).isEqualTo(2);
            assertThat(glob.err()).contains(fifo + ": UNREADABLE: not a regular file");
        });
    }

    @Test
    void runSummariesAreInTheJsonOutputWithTheirProblems() throws Exception {
        Path receipts = dir.resolve("receipts");
        dev.honestcompute.receipts.RunSessions.run(receipts, "build-1", dev.honestcompute.receipts.RunSessions.CLASS_LEVEL);
        dev.honestcompute.receipts.RunSessions.run(receipts, "build-2", dev.honestcompute.receipts.RunSessions.MIXED);
        Run run = cli("verify", "--json", receipts.toString());
        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = ReceiptJson.mapper().readTree(run.out());
        assertThat(json.path("counts").path("run_summaries").asInt()).isEqualTo(1);
        assertThat(json.path("counts").path("run_summaries_failed").asInt()).isEqualTo(1);
        JsonNode summary = json.path("run_summaries").get(0);
        assertThat(summary.path("build_id").asText()).isEqualTo("build-2");
        assertThat(summary.path("ok").asBoolean(true)).isFalse();
        assertThat(summary.path("signature").path("outcome").asText()).isEqualTo("NOT_SIGNED");
        assertThat(summary.path("problems")).hasSize(3).allSatisfy(p -> {
            assertThat(p.path("kind").asText()).isEqualTo("STALE");
            assertThat(p.path("message").asText()).contains("a stale receipt of build 'build-1'");
        });
        // the stale receipts are still verified against the policy: they are files the user named
        assertThat(json.path("counts").path("receipts").asInt()).isEqualTo(4);

        Path orphan = goodReceipt(dir.resolve("orphans/x/One.json"));
        JsonNode without = ReceiptJson.mapper().readTree(cli("verify", "--json", orphan.getParent().getParent()
                .toString()).out());
        assertThat(without.path("exit_code").asInt()).isEqualTo(1);
        assertThat(without.path("without_run_summary").get(0).path("receipts").asInt()).isEqualTo(1);
        assertThat(without.path("without_run_summary").get(0).path("accepted").asBoolean(true)).isFalse();
    }

    @Test
    void jsonOutputIsMachineReadable() throws IOException {
        Run run = cli("verify", "--json", "--policy", "bitnet", "--no-run-summary", BitnetReceipts.mockRun().toString(),
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

        assertThat(cli("verify", "/dev/null").err()).contains("/dev/null: UNREADABLE: not a regular file (a character "
                + "device)");
        Path empty = Files.writeString(dir.resolve("empty-receipt.json"), "");
        assertThat(cli("verify", empty.toString()).err()).contains("empty-receipt.json: UNREADABLE: empty file");

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
        Run run = cli("verify", "--no-run-summary", locked.toString());
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
