package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.summary.Deselection;
import dev.honestcompute.receipts.summary.RunSummary;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts what the platform reports during one launcher session, per receipts directory, and writes each directory's
 * {@code run-summary.json} at the end. Callbacks may come from several threads (parallel execution): all state is
 * guarded by {@code this}.
 */
final class RunSummaryCollector implements TestExecutionListener {

    private final Map<Path, Tally> tallies = new LinkedHashMap<>();
    private TestPlan currentPlan;
    private Tally current;

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        currentPlan = testPlan;
        Path dir;
        try {
            dir = ReceiptSettings.dir(testPlan.getConfigurationParameters()::get);
        } catch (IllegalArgumentException e) {
            // Tests with @EmitsReceipt fail with the same message; say here why no summary is written.
            System.err.println("Honest Compute: no run summary for this test plan: " + e.getMessage());
            current = null;
            return;
        }
        current = tallies.computeIfAbsent(dir, d -> new Tally(Instant.now()));
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        currentPlan = null;
        current = null;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (current == null) {
            return;
        }
        if (id.isTest()) {
            current.skip(id, reason);
        } else if (currentPlan != null) {
            // Tests inside a skipped container are never reported one by one: count each with the container's reason.
            for (TestIdentifier d : currentPlan.getDescendants(id)) {
                if (d.isTest()) {
                    current.skip(d, reason);
                }
            }
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (current == null) {
            return;
        }
        TestExecutionResult.Status status = result.getStatus();
        if (id.isTest()) {
            String outcome = switch (status) {
                case SUCCESSFUL -> "passed";
                case FAILED -> "failed";
                case ABORTED -> "aborted";
            };
            current.tests.put(id.getUniqueId(), new RunSummary.TestOutcome(id.getUniqueId(), id.getDisplayName(),
                    outcome, null, null));
        } else {
            current.containersRun.add(id.getUniqueId());
            if (status == TestExecutionResult.Status.FAILED) {
                String message = result.getThrowable().map(t -> t.getClass().getName() + ": " + t.getMessage())
                        .orElse("");
                current.failedContainers.add(new RunSummary.FailedContainer(id.getUniqueId(), message));
            }
        }
    }

    /** Writes one summary per receipts directory used in this session. */
    void writeSummaries() {
        Map<Path, Tally> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(tallies);
            tallies.clear();
        }
        Instant finished = Instant.now();
        snapshot.forEach((dir, tally) -> {
            try (RunSummaryLock ignored = RunSummaryLock.acquire(dir)) {
                RunSummaries.write(dir, tally.toSummary(dir, finished));
                RunSummaries.report(dir);
            }
        });
    }

    private static final class Tally {
        final Instant started;
        /** Every test reported in this session, by unique id, in the order the platform reported them. */
        final Map<String, RunSummary.TestOutcome> tests = new LinkedHashMap<>();
        final Set<String> containersRun = new HashSet<>();
        final List<RunSummary.FailedContainer> failedContainers = new ArrayList<>();

        Tally(Instant started) {
            this.started = started;
        }

        void skip(TestIdentifier id, String reason) {
            String why = reason == null ? "" : reason;
            String rule = Deselection.ruleOf(why).orElse(null);
            tests.put(id.getUniqueId(), new RunSummary.TestOutcome(id.getUniqueId(), id.getDisplayName(),
                    rule == null ? "skipped" : "deselected", why, rule));
        }

        RunSummary toSummary(Path dir, Instant finished) {
            return RunSummaries.assemble(dir, new RunSummaryMerge.Session(started, finished, tests, containersRun,
                    failedContainers));
        }
    }
}
