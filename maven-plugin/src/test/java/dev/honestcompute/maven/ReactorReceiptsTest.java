package dev.honestcompute.maven;

import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunReplay;
import dev.honestcompute.receipts.summary.RunSummaryProblem;
import dev.honestcompute.receipts.summary.RunSummaryVerifier;
import dev.honestcompute.receipts.summary.RunSummaryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorReceiptsTest {

    @TempDir
    Path tmp;

    /**
     * A module's receipts directory as a finished session leaves it: one receipt of build-1, and a summary consistent
     * with it (counts, tests, digests, replay block), so the verifier finds nothing wrong with the module itself.
     */
    private Path module(String name, String test, String status, long passed, long failed) throws Exception {
        return module(name, test, status, passed, failed, "build-1");
    }

    private Path module(String name, String test, String status, long passed, long failed, String build)
            throws Exception {
        Path dir = tmp.resolve(name).resolve("target/receipts");
        Path receipt = dir.resolve("com.x." + test + "/run.json");
        Files.createDirectories(receipt.getParent());
        String id = "[engine:junit-jupiter]/[class:com.x." + test + "]/[method:run()]";
        Files.writeString(receipt, "{\"schema_version\":\"1.0.0\",\"test\":{\"unique_id\":\"" + id + "\",\"class\":\"com.x."
                + test + "\",\"method\":\"run\",\"display_name\":\"run()\",\"status\":\"" + status
                + "\"},\"build_id\":\"" + build + "\"}\n", StandardCharsets.UTF_8);
        List<RunSummary.TestOutcome> tests = new java.util.ArrayList<>();
        tests.add(new RunSummary.TestOutcome(id, "run()", status, null, null, Boolean.TRUE));
        long morePassed = passed - ("passed".equals(status) ? 1 : 0);
        long moreFailed = failed - ("failed".equals(status) ? 1 : 0);
        for (long i = 0; i < morePassed + moreFailed; i++) {
            tests.add(new RunSummary.TestOutcome("[engine:junit-jupiter]/[class:com.x." + test + "]/[method:other" + i
                    + "()]", "other" + i + "()", i < morePassed ? "passed" : "failed", null, null, Boolean.FALSE));
        }
        RunSummary s = new RunSummary(RunSummary.VERSION, build, RunSummary.BUILD_ID_CONFIGURED,
                "2026-12-03T10:0" + passed + ":00Z", "2026-12-03T10:1" + passed + ":00Z",
                new RunSummary.Counts(passed + failed, passed, failed, 0, 0, 0), List.of(), Map.of(), List.of(), 1,
                List.of(new RunSummary.ReceiptDigest("com.x." + test + "/run.json", Sha256.of(receipt), id, status)),
                List.of(), null, RunReplay.block(dir, List.of("com.x." + test + "/run.json"), Map.of()), tests, null);
        RunSummaryFiles.write(dir, s);
        assertThat(RunSummaryVerifier.verify(dir.resolve(RunSummary.FILE_NAME), null).problems())
                .as("the module's own summary").isEmpty();
        return dir;
    }

    @Test
    void mergesTheModulesIntoOneDirectoryWhoseSummaryStillMatchesEveryReceipt() throws Exception {
        Path a = module("engine-a", "ATest", "passed", 2, 0);
        Path b = module("engine-b", "BTest", "failed", 1, 1);
        Path out = tmp.resolve("report/target/receipts-aggregate");
        Files.createDirectories(out.resolve("stale"));
        Files.writeString(out.resolve("stale/old.json"), "{}");

        ReactorReceipts.Gathered g = ReactorReceipts.gather(List.of(new ReactorReceipts.Module("engine-a", a),
                new ReactorReceipts.Module("engine-b", b), new ReactorReceipts.Module("report",
                        tmp.resolve("report/target/receipts"))), out);

        assertThat(g.modules()).isEqualTo(2);
        assertThat(g.receipts()).isEqualTo(2);
        assertThat(out.resolve("stale")).doesNotExist();
        RunSummary merged = RunSummaryFiles.read(out.resolve(RunSummary.FILE_NAME));
        assertThat(merged.counts()).isEqualTo(new RunSummary.Counts(4, 3, 1, 0, 0, 0));
        assertThat(merged.receipts()).extracting(RunSummary.ReceiptDigest::path)
                .containsExactly("engine-a/com.x.ATest/run.json", "engine-b/com.x.BTest/run.json");
        assertThat(merged.startedAt()).isEqualTo("2026-12-03T10:01:00Z");
        assertThat(merged.finishedAt()).isEqualTo("2026-12-03T10:12:00Z");
        assertThat(merged.buildId()).isEqualTo("build-1");
        assertThat(RunSummaryVerifier.verify(out.resolve(RunSummary.FILE_NAME), null).problems()).isEmpty();
    }

    @Test
    void modulesOfDifferentBuildsAreAProblemOfTheAggregate() throws Exception {
        Path a = module("engine-a", "ATest", "passed", 1, 0, "build-1");
        Path b = module("engine-b", "BTest", "passed", 1, 0, "build-2");
        ReactorReceipts.Gathered g = ReactorReceipts.gather(List.of(new ReactorReceipts.Module("engine-a", a),
                new ReactorReceipts.Module("engine-b", b)), tmp.resolve("agg"));
        assertThat(g.problems()).singleElement().asString().contains("engine-b", "build-2", "build-1",
                "one invocation");
    }

    @Test
    void aReceiptEditedAfterItsModulesRunStillShowsAsModifiedInTheAggregate() throws Exception {
        Path a = module("engine-a", "ATest", "passed", 1, 0);
        Files.writeString(a.resolve("com.x.ATest/run.json"), "{\"schema_version\":\"1.0.0\",\"kernels\":[\"forged\"]}");
        Path out = tmp.resolve("agg");
        ReactorReceipts.gather(List.of(new ReactorReceipts.Module("engine-a", a)), out);
        assertThat(RunSummaryVerifier.verify(out.resolve(RunSummary.FILE_NAME), null).problems())
                .extracting(RunSummaryProblem::kind).contains(RunSummaryProblem.Kind.MODIFIED);
    }
}
