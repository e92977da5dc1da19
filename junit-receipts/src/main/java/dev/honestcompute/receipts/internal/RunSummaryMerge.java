package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.summary.RunSigningKey;
import dev.honestcompute.receipts.summary.RunSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges what one launcher session saw into the run summary an earlier session <em>of the same build</em> left in the
 * receipts directory. Plain data, no I/O: a test reported again replaces its earlier outcome, a receipt path written
 * again replaces its earlier digest, a container that ran again drops its earlier failure; everything else of the
 * earlier summary is kept as it was (digests are copied, never recomputed, so an edit in between stays detectable).
 * Counts, skips and deselections are derived from the merged per-test outcomes, so a test is never counted twice.
 */
final class RunSummaryMerge {

    /**
     * What one session observed.
     *
     * @param build   the build the session belongs to
     * @param signing the key that signs the summary, or null
     */
    record Session(Instant started, Instant finished, BuildId build, RunSigningKey signing,
                   Map<String, RunSummary.TestOutcome> tests, Set<String> containersRun,
                   List<RunSummary.FailedContainer> failedContainers) {
    }

    private RunSummaryMerge() {
    }

    /**
     * Why {@code earlier} cannot be merged with {@code now}, or null when it can: it must be this version's format,
     * carry per-test outcomes for every test it counts, and belong to the same build.
     */
    static String whyNotMerge(RunSummary earlier, Session now) {
        if (!RunSummary.VERSION.equals(earlier.summaryVersion()) || earlier.counts() == null
                || earlier.tests().size() != earlier.counts().total()) {
            return "it has no per-test outcomes to merge with (written by another version)";
        }
        for (RunSummary.TestOutcome t : earlier.tests()) {
            if (!RunSummary.STATUSES.contains(String.valueOf(t.status()))) {
                return "test " + t.test() + " has unknown status '" + t.status() + "' in it (the file was edited)";
            }
        }
        if (!now.build().value().equals(earlier.buildId())) {
            return "it is the summary of build '" + earlier.buildId() + "' and this session belongs to build '"
                    + now.build().value() + "'";
        }
        return null;
    }

    /** Per-test outcomes: the earlier ones (if any), then this session's replacing them by unique id. */
    static Map<String, RunSummary.TestOutcome> tests(RunSummary earlier, Session now) {
        Map<String, RunSummary.TestOutcome> tests = new LinkedHashMap<>();
        if (earlier != null) {
            earlier.tests().forEach(t -> tests.put(t.test(), t));
        }
        now.tests().forEach((id, t) -> {
            tests.remove(id); // re-insert at the end: the summary keeps the order tests last ran in
            tests.put(id, t);
        });
        return tests;
    }

    /** Earlier receipt digests, then this session's replacing them by path. */
    static Map<String, RunSummary.ReceiptDigest> receipts(RunSummary earlier, Map<String, RunSummary.ReceiptDigest> now) {
        Map<String, RunSummary.ReceiptDigest> receipts = new LinkedHashMap<>();
        if (earlier != null) {
            earlier.receipts().forEach(r -> receipts.put(r.path(), r));
        }
        receipts.putAll(now);
        return receipts;
    }

    static List<RunSummary.FailedContainer> failedContainers(RunSummary earlier, Session now) {
        List<RunSummary.FailedContainer> out = new ArrayList<>();
        if (earlier != null) {
            earlier.failedContainers().stream().filter(c -> !now.containersRun().contains(c.container())).forEach(out::add);
        }
        out.addAll(now.failedContainers());
        return out;
    }

    /**
     * The counts of the merged outcomes.
     *
     * @throws IllegalStateException naming the test when an earlier outcome has an unknown status (an edited summary)
     */
    static RunSummary.Counts counts(Iterable<RunSummary.TestOutcome> tests) {
        try {
            return RunSummary.countsOf(tests);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
