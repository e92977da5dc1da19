package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.summary.RunSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges what one launcher session saw into the run summary an earlier session of the same build left in the
 * receipts directory. Plain data, no I/O: a test reported again replaces its earlier outcome, a receipt path written
 * again replaces its earlier digest, a container that ran again drops its earlier failure; everything else of the
 * earlier summary is kept as it was (digests are copied, never recomputed, so an edit in between stays detectable).
 * Counts, skips and deselections are derived from the merged per-test outcomes, so a test is never counted twice.
 */
final class RunSummaryMerge {

    /** What one session observed. */
    record Session(Instant started, Instant finished, Map<String, RunSummary.TestOutcome> tests,
                   Set<String> containersRun, List<RunSummary.FailedContainer> failedContainers) {
    }

    private RunSummaryMerge() {
    }

    /** Whether {@code earlier} carries what a merge needs: per-test outcomes for every test it counts. */
    static boolean canMerge(RunSummary earlier) {
        return RunSummary.VERSION.equals(earlier.summaryVersion()) && earlier.counts() != null
                && earlier.tests().size() == earlier.counts().total();
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

    static RunSummary.Counts counts(Iterable<RunSummary.TestOutcome> tests) {
        long total = 0, passed = 0, failed = 0, skipped = 0, aborted = 0, deselected = 0;
        for (RunSummary.TestOutcome t : tests) {
            total++;
            switch (t.status()) {
                case "passed" -> passed++;
                case "failed" -> failed++;
                case "skipped" -> skipped++;
                case "aborted" -> aborted++;
                case "deselected" -> deselected++;
                default -> throw new IllegalStateException("test " + t.test() + " has unknown status '" + t.status()
                        + "' in the run summary; expected passed, failed, skipped, aborted or deselected");
            }
        }
        return new RunSummary.Counts(total, passed, failed, skipped, aborted, deselected);
    }

    static List<RunSummary.Skip> skipped(Iterable<RunSummary.TestOutcome> tests) {
        List<RunSummary.Skip> out = new ArrayList<>();
        for (RunSummary.TestOutcome t : tests) {
            if ("skipped".equals(t.status())) {
                out.add(new RunSummary.Skip(t.test(), t.displayName(), t.reason()));
            }
        }
        return out;
    }

    static Map<String, Long> deselectedByRule(Iterable<RunSummary.TestOutcome> tests) {
        Map<String, Long> out = new TreeMap<>();
        for (RunSummary.TestOutcome t : tests) {
            if ("deselected".equals(t.status())) {
                out.merge(t.rule(), 1L, Long::sum);
            }
        }
        return out;
    }
}
