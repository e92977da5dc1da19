package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.RunSessions;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The line a test JVM prints at the end of its session (the process test in RunSummaryProcessIT sees it printed). */
class RunConsoleLineTest {

    @TempDir
    Path tmp;

    @Test
    void countsTheRunsReceiptsAndFailuresAndNamesTheReportAndSummaryByAbsolutePath() throws Exception {
        Path dir = tmp.resolve("receipts");
        RunSessions.run(dir, "build-console", RunSessions.CLASS_LEVEL, RunSessions.MOCK_KERNEL);
        RunSummary summary = RunSummaryFiles.read(dir.resolve(RunSummary.FILE_NAME));

        String line = RunConsoleLine.of(tmp.resolve("./receipts"), summary);

        Path abs = dir.toAbsolutePath().normalize();
        assertThat(line).isEqualTo("Honest Compute: 4 receipts (1 failed) → " + abs.resolve("index.html")
                + " (summary: " + abs.resolve("run-summary.json") + ")");
        assertThat(abs.resolve("index.html")).as("the report the line points at").isRegularFile();
    }

    @Test
    void oneReceiptIsSingularAndAbortedReceiptsAreCountedApart() throws Exception {
        Path dir = tmp.resolve("one");
        RunSessions.run(dir, "build-one", RunSessions.MIXED);
        RunSummary summary = RunSummaryFiles.read(dir.resolve(RunSummary.FILE_NAME));
        assertThat(summary.receipts()).hasSize(1);
        RunSummary aborted = new RunSummary(summary.summaryVersion(), summary.buildId(), summary.buildIdSource(),
                summary.startedAt(), summary.finishedAt(), summary.counts(), summary.skipped(),
                summary.deselectedByRule(), summary.failedContainers(), summary.sessions(),
                java.util.List.of(summary.receipts().get(0), new RunSummary.ReceiptDigest("x/y.json", "00", "[x]",
                        "aborted")), summary.stale(), summary.host(), summary.replay(), summary.tests(), null);

        assertThat(RunConsoleLine.of(dir, summary)).startsWith("Honest Compute: 1 receipt (0 failed) → ");
        assertThat(RunConsoleLine.of(dir, aborted)).startsWith("Honest Compute: 2 receipts (0 failed, 1 aborted) → ");
    }
}
