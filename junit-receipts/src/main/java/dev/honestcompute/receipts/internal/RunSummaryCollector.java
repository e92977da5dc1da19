package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.summary.Deselection;
import dev.honestcompute.receipts.summary.RunSigningKey;
import dev.honestcompute.receipts.summary.RunSummary;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts what the platform reports during one launcher session, per receipts directory, and writes each directory's
 * {@code run-summary.json} at the end. When a test plan starts it settles the build id (and the signing key) for the
 * directory, so every receipt written during the plan carries that build id. Callbacks may come from several threads
 * (parallel execution): all state is guarded by {@code this}.
 */
final class RunSummaryCollector implements TestExecutionListener {

    private final Map<Path, Tally> tallies = new LinkedHashMap<>();
    private final Function<String, String> env;
    private TestPlan currentPlan;
    private Tally current;

    RunSummaryCollector() {
        this(System::getenv);
    }

    RunSummaryCollector(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        currentPlan = testPlan;
        ConfigurationParameters parameters = testPlan.getConfigurationParameters();
        Path dir;
        try {
            dir = ReceiptSettings.dir(parameters::get);
        } catch (IllegalArgumentException e) {
            // Tests with @EmitsReceipt fail with the same message; say here why no summary is written.
            System.err.println("Honest Compute: no run summary for this test plan: " + e.getMessage());
            current = null;
            return;
        }
        BuildId build;
        try {
            build = BuildId.resolve(parameters::get);
        } catch (IllegalArgumentException e) {
            SessionReceipts.refuseBuild(dir, e.getMessage());
            System.err.println("Honest Compute: no run summary for this test plan: " + e.getMessage());
            current = null;
            return;
        }
        SessionReceipts.useBuild(dir, build);
        current = tallies.computeIfAbsent(dir, d -> {
            // from here until the summary is written, only the library writes into the directory
            dev.honestcompute.recorder.RecorderAgent.guardReceiptsDirectory(d);
            return new Tally(Instant.now(), build, signing(parameters));
        });
    }

    /**
     * The configured signing key, or why a configured key is unusable (also reported at once on stderr).
     *
     * @param key     the key, or null
     * @param problem why the configured key cannot be used, or null
     */
    private record Signing(RunSigningKey key, String problem) {
    }

    private Signing signing(ConfigurationParameters parameters) {
        try {
            Optional<RunSigningKey> key = RunSigning.resolve(parameters::get, env);
            return new Signing(key.orElse(null), null);
        } catch (IllegalArgumentException e) {
            System.err.println("Honest Compute: the run summary will not be signed: " + e.getMessage());
            return new Signing(null, e.getMessage());
        }
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
            current.tests.remove(id.getUniqueId()); // a test reported again keeps its latest outcome, in order
            current.tests.put(id.getUniqueId(), new RunSummary.TestOutcome(id.getUniqueId(), id.getDisplayName(),
                    outcome, null, null, ReceiptExpectations.emitsReceipt(id, currentPlan)));
        } else {
            current.containersRun.add(id.getUniqueId());
            if (status == TestExecutionResult.Status.FAILED) {
                String message = result.getThrowable().map(t -> t.getClass().getName() + ": " + t.getMessage())
                        .orElse("");
                current.failedContainers.add(new RunSummary.FailedContainer(id.getUniqueId(), message));
            }
        }
    }

    /**
     * Writes one summary per receipts directory used in this session.
     *
     * @throws IllegalStateException after writing, when a signing key was configured but the summary could not be
     *                               signed with it (the summary is written unsigned so the run is not lost)
     */
    void writeSummaries() {
        Map<Path, Tally> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(tallies);
            tallies.clear();
        }
        Instant finished = Instant.now();
        List<String> unsigned = new ArrayList<>();
        snapshot.forEach((dir, tally) -> {
            RunSummary summary;
            try (RunSummaryLock ignored = RunSummaryLock.acquire(dir)) {
                summary = tally.toSummary(dir, finished);
                RunSummaries.write(dir, summary);
                RunSummaries.report(dir);
            } finally {
                dev.honestcompute.recorder.RecorderAgent.releaseReceiptsDirectory(dir);
            }
            // where the evidence went, once per receipts directory: the console is where users look first
            System.out.println(RunConsoleLine.of(dir, summary));
            if (tally.signing.problem() != null) {
                unsigned.add(dir.resolve(RunSummary.FILE_NAME) + ": " + tally.signing.problem());
            }
        });
        if (!unsigned.isEmpty()) {
            throw new IllegalStateException("Honest Compute wrote the run summary unsigned although a signing key is "
                    + "configured: " + String.join("; ", unsigned) + "; 'verify --public-key' fails on an unsigned "
                    + "run: fix the key (docs/ci.md, section 'Signed runs') and re-run the tests");
        }
    }

    private static final class Tally {
        final Instant started;
        final BuildId build;
        final Signing signing;
        /** Every test reported in this session, by unique id, in the order the platform reported them. */
        final Map<String, RunSummary.TestOutcome> tests = new LinkedHashMap<>();
        final Set<String> containersRun = new HashSet<>();
        final List<RunSummary.FailedContainer> failedContainers = new ArrayList<>();

        Tally(Instant started, BuildId build, Signing signing) {
            this.started = started;
            this.build = build;
            this.signing = signing;
        }

        void skip(TestIdentifier id, String reason) {
            String why = reason == null ? "" : reason;
            String rule = Deselection.ruleOf(why).orElse(null);
            tests.put(id.getUniqueId(), new RunSummary.TestOutcome(id.getUniqueId(), id.getDisplayName(),
                    rule == null ? "skipped" : "deselected", why, rule, null));
        }

        RunSummary toSummary(Path dir, Instant finished) {
            return RunSummaries.assemble(dir, new RunSummaryMerge.Session(started, finished, build, signing.key(), tests,
                    containersRun, failedContainers));
        }
    }
}
