package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.RunSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs as an outside user would: test sessions in their own JVMs (one killed halfway, two of one build, two without a
 * build id, one signing with a key from the environment), then the packaged CLI on what they left.
 */
class RunSummaryProcessIT {

    @TempDir
    Path work;
    Processes processes;

    @BeforeEach
    void setUp() {
        processes = new Processes(work);
    }

    private static long receiptCount(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("run-summary.json")).count();
        }
    }

    @Test
    void aKilledTestJvmLeavesNoSummaryAndVerifyFailsUnlessTheReceiptsAreDeclaredForeign() throws Exception {
        Path receipts = work.resolve("receipts");
        Processes.Proc killed = processes.session(Map.of(), List.of("-Dhonestcompute.test.halt=true",
                "-Dhonestcompute.build.id=build-k"), receipts, RunSessions.HALTS);
        assertThat(killed.exit()).as(killed.err()).isEqualTo(137);
        assertThat(receiptCount(receipts)).isEqualTo(2);
        assertThat(receipts.resolve("run-summary.json")).doesNotExist();

        Processes.Proc verify = processes.cli("verify", receipts.toString());
        assertThat(verify.exit()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("first.json: PASSED", "second.json: PASSED", receipts + ": NO RUN SUMMARY: "
                + "2 receipt(s)", "the run did not finish, or its summary was removed",
                "verified 2 receipt(s): 2 passed, 0 failed; 2 receipt(s) without a run summary");
        Processes.Proc glob = processes.cli("verify", receipts + "/**.json");
        assertThat(glob.exit()).isEqualTo(1);
        assertThat(glob.out()).contains("NO RUN SUMMARY");

        Processes.Proc foreign = processes.cli("verify", "--no-run-summary", receipts.toString());
        assertThat(foreign.exit()).isZero();
        assertThat(foreign.out()).contains("2 receipt(s) verified WITHOUT A RUN SUMMARY (--no-run-summary)");

        // another JVM of the same build finishes later: the killed JVM's receipts are this build's but unrecorded
        Processes.Proc later = processes.session(Map.of(), List.of("-Dhonestcompute.build.id=build-k"), receipts,
                RunSessions.CLASS_LEVEL);
        assertThat(later.exit()).as(later.err()).isZero();
        Processes.Proc incomplete = processes.cli("verify", receipts.toString());
        assertThat(incomplete.exit()).isEqualTo(1);
        assertThat(incomplete.out()).contains("run summary FAILED", "UNRECORDED ", "HaltsMidRun",
                "crashed or was killed before its session ended, so the run is incomplete");
    }

    @Test
    void eachTestJvmPrintsOneLineNamingItsReceiptsFailuresAndTheReport() throws Exception {
        Path receipts = work.resolve("console");
        Processes.Proc first = processes.session(Map.of(), List.of("-Dhonestcompute.build.id=build-c"), receipts,
                RunSessions.MOCK_KERNEL);
        Processes.Proc second = processes.session(Map.of(), List.of("-Dhonestcompute.build.id=build-c"), receipts,
                RunSessions.CLASS_LEVEL);

        Path abs = receipts.toAbsolutePath().normalize();
        String where = " → " + abs.resolve("index.html") + " (summary: " + abs.resolve("run-summary.json") + ")";
        assertThat(first.out().lines().filter(l -> l.startsWith("Honest Compute: "))).as(first.out())
                .containsExactly("Honest Compute: 1 receipt (1 failed)" + where);
        // the second JVM of the build counts the whole build so far
        assertThat(second.out().lines().filter(l -> l.startsWith("Honest Compute: "))).as(second.out())
                .containsExactly("Honest Compute: 4 receipts (1 failed)" + where);
        assertThat(abs.resolve("index.html")).isRegularFile();
    }

    @Test
    void testJvmsOfOneBuildMergeAndWithoutABuildIdEachJvmIsItsOwnBuild() throws Exception {
        Path oneBuild = work.resolve("one-build");
        for (String testClass : new String[] {RunSessions.CLASS_LEVEL, RunSessions.MIXED}) {
            Processes.Proc p = processes.session(Map.of(), List.of("-Dhonestcompute.build.id=20261123T100000.123Z"),
                    oneBuild, testClass);
            assertThat(p.exit()).as(p.err()).isZero();
        }
        Processes.Proc merged = processes.cli("verify", oneBuild.toString());
        assertThat(merged.exit()).as(merged.out()).isZero();
        assertThat(merged.out()).contains("run summary OK (build 20261123T100000.123Z (configured), 2 session(s), 9 "
                + "test(s), 4 receipt(s)");

        Path noId = work.resolve("no-id");
        assertThat(processes.session(Map.of(), List.of(), noId, RunSessions.CLASS_LEVEL).exit()).isZero();
        Processes.Proc second = processes.session(Map.of(), List.of(), noId, RunSessions.MIXED);
        assertThat(second.exit()).isZero();
        assertThat(second.err()).contains("was written by build 'jvm-", "No build id is set", "so every test JVM is its "
                + "own build", "-Dhonestcompute.build.id=${maven.build.timestamp}");
        Processes.Proc stale = processes.cli("verify", noId.toString());
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.out()).contains("(generated), 1 session(s), 6 test(s), 1 receipt(s), 3 stale;", "STALE ",
                "a stale receipt of build 'jvm-");
    }

    @Test
    void aRunSignedWithAKeyFromTheEnvironmentVerifiesOnlyUntilItIsEdited() throws Exception {
        Path keys = work.resolve("keys");
        assertThat(processes.cli("keygen", "--out", keys.toString()).exit()).isZero();
        String secret = Files.readString(keys.resolve("run-signing-key.pem"));
        Path publicKey = keys.resolve("run-signing-key.pub.pem");
        Path receipts = work.resolve("receipts");
        Processes.Proc run = processes.session(Map.of("HONESTCOMPUTE_SIGNING_KEY", secret),
                List.of("-Dhonestcompute.build.id=build-s"), receipts, RunSessions.CLASS_LEVEL);
        assertThat(run.exit()).as(run.err()).isZero();

        Processes.Proc ok = processes.cli("verify", "--public-key", publicKey.toString(), receipts.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("signature verified with key sha256:");

        // edit a receipt and re-hash it in the summary, as someone who can rewrite the files would
        Path first = RunSessions.receipt(receipts, "first.json");
        Files.writeString(first, Files.readString(first).replace("\"matmul_f32\"", "\"matmul_f32_avx512\""));
        Path summary = receipts.resolve("run-summary.json");
        String sha = dev.honestcompute.fixtures.hash.Sha256.of(first);
        String text = Files.readString(summary);
        String old = dev.honestcompute.receipts.summary.RunSummaryFiles.read(summary).receipts().stream()
                .filter(r -> r.path().endsWith("first.json")).findFirst().orElseThrow().sha256();
        Files.writeString(summary, text.replace(old, sha));

        Processes.Proc edited = processes.cli("verify", "--public-key", publicKey.toString(), receipts.toString());
        assertThat(edited.exit()).isEqualTo(1);
        assertThat(edited.out()).contains("SIGNATURE_INVALID signature: ", "was changed after it was signed");
    }
}
