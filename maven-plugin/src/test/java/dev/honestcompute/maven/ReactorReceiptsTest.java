package dev.honestcompute.maven;

import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryDigests;
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

    private Path module(String name, String test, String status, long passed, long failed) throws Exception {
        Path dir = tmp.resolve(name).resolve("target/receipts");
        Path receipt = dir.resolve("com.x." + test + "/run.json");
        Files.createDirectories(receipt.getParent());
        Files.writeString(receipt, "{\"schema_version\":\"1.0.0\",\"test\":{\"class\":\"com.x." + test
                + "\",\"method\":\"run\"}}\n", StandardCharsets.UTF_8);
        RunSummary s = new RunSummary(RunSummary.VERSION, "2026-12-03T10:0" + passed + ":00Z",
                "2026-12-03T10:1" + passed + ":00Z", new RunSummary.Counts(passed + failed, passed, failed, 0, 0, 0),
                List.of(), Map.of(), List.of(), List.of(new RunSummary.ReceiptDigest("com.x." + test + "/run.json",
                Sha256.of(receipt), "[class:com.x." + test + "]", status)), null, null);
        RunSummaryFiles.write(dir, s);
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
        assertThat(RunSummaryDigests.check(out.resolve(RunSummary.FILE_NAME))).isEmpty();
    }

    @Test
    void aReceiptEditedAfterItsModulesRunStillShowsAsModifiedInTheAggregate() throws Exception {
        Path a = module("engine-a", "ATest", "passed", 1, 0);
        Files.writeString(a.resolve("com.x.ATest/run.json"), "{\"schema_version\":\"1.0.0\",\"kernels\":[\"forged\"]}");
        Path out = tmp.resolve("agg");
        ReactorReceipts.gather(List.of(new ReactorReceipts.Module("engine-a", a)), out);
        assertThat(RunSummaryDigests.check(out.resolve(RunSummary.FILE_NAME))).singleElement()
                .extracting(RunSummaryDigests.Problem::kind).isEqualTo(RunSummaryDigests.Kind.MODIFIED);
    }
}
