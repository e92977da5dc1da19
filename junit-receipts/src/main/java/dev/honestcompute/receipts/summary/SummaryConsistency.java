package dev.honestcompute.receipts.summary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.honestcompute.receipts.summary.RunSummaryProblem.Kind;

/**
 * The checks of a run summary against itself: the build id is there, {@code counts}, {@code skipped} and
 * {@code deselected_by_rule} are what {@code tests[]} gives, every test and every receipt appears once, every
 * {@code @EmitsReceipt} test that ran has its receipt, every receipt has its test, and both give the same status.
 */
final class SummaryConsistency {

    private final RunSummary summary;
    private final String file;
    private final ProblemList problems;

    private SummaryConsistency(RunSummary summary, String file, ProblemList problems) {
        this.summary = summary;
        this.file = file;
        this.problems = problems;
    }

    static void check(RunSummary summary, String file, ProblemList problems) {
        SummaryConsistency c = new SummaryConsistency(summary, file, problems);
        c.buildId();
        Map<String, RunSummary.TestOutcome> tests = c.tests();
        c.counts();
        c.receipts(tests);
    }

    private void buildId() {
        if (summary.buildId() == null || summary.buildId().isBlank()) {
            problems.add(Kind.MISSING_BUILD_ID, "build_id", file + " has no build_id (summary_version "
                    + summary.summaryVersion() + "): written by an Honest Compute version without build ids, so "
                    + "receipts of other builds cannot be told from this run's; run mvn clean and re-run the tests");
        }
    }

    /** Tests by id; duplicates and unknown statuses are problems. */
    private Map<String, RunSummary.TestOutcome> tests() {
        Map<String, RunSummary.TestOutcome> byId = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        List<RunSummary.TestOutcome> tests = summary.tests();
        for (int i = 0; i < tests.size(); i++) {
            RunSummary.TestOutcome t = tests.get(i);
            String at = "tests[" + i + "]";
            if (t.test() == null || t.test().isBlank()) {
                problems.add(Kind.UNKNOWN_STATUS, at + ".test", file + ": " + at + " has no test id; every entry "
                        + "names the test's unique id: the summary was edited, re-run the tests");
                continue;
            }
            Integer first = index.putIfAbsent(t.test(), i);
            if (first != null) {
                problems.add(Kind.DUPLICATE, at, file + ": " + at + " repeats test '" + t.test() + "' of tests["
                        + first + "]; the platform reports each test once: the summary was edited, re-run the tests");
                continue;
            }
            byId.put(t.test(), t);
            if (!RunSummary.STATUSES.contains(String.valueOf(t.status()))) {
                problems.add(Kind.UNKNOWN_STATUS, at + ".status", file + ": " + at + " '" + t.test() + "' has status '"
                        + t.status() + "'; expected passed, failed, skipped, aborted or deselected");
            }
        }
        return byId;
    }

    private void counts() {
        if (problems.has(Kind.UNKNOWN_STATUS) || problems.has(Kind.DUPLICATE)) {
            return; // the counts cannot be recomputed from a broken tests[]; the problems above say why
        }
        RunSummary.Counts expected = RunSummary.countsOf(summary.tests());
        RunSummary.Counts found = summary.counts();
        if (found == null) {
            problems.add(Kind.COUNTS, "counts", file + ": counts is missing; expected " + expected
                    + " from tests[]; re-run the tests");
        } else {
            count("total", found.total(), expected.total(), "tests in tests[]");
            count("passed", found.passed(), expected.passed(), "passed tests in tests[]");
            count("failed", found.failed(), expected.failed(), "failed tests in tests[]");
            count("skipped", found.skipped(), expected.skipped(), "skipped tests in tests[]");
            count("aborted", found.aborted(), expected.aborted(), "aborted tests in tests[]");
            count("deselected", found.deselected(), expected.deselected(), "deselected tests in tests[]");
        }
        List<RunSummary.Skip> skips = RunSummary.skipsOf(summary.tests());
        if (!skips.equals(summary.skipped())) {
            problems.add(Kind.COUNTS, "skipped", file + ": skipped lists " + summary.skipped().size() + " test(s) but "
                    + "tests[] has " + skips.size() + " with status skipped (or their ids or reasons differ); the "
                    + "summary was edited, re-run the tests");
        }
        Map<String, Long> deselections = RunSummary.deselectionsOf(summary.tests());
        if (!deselections.equals(summary.deselectedByRule())) {
            problems.add(Kind.COUNTS, "deselected_by_rule", file + ": deselected_by_rule is "
                    + summary.deselectedByRule() + " but tests[] gives " + deselections + "; the summary was edited, "
                    + "re-run the tests");
        }
        if (summary.sessions() < 1) {
            problems.add(Kind.COUNTS, "sessions", file + ": sessions is " + summary.sessions() + "; at least one "
                    + "test session wrote the summary: it was edited, re-run the tests");
        }
    }

    private void count(String name, long found, long expected, String what) {
        if (found != expected) {
            problems.add(Kind.COUNTS, "counts." + name, file + ": counts." + name + " is " + found + " but there are "
                    + expected + " " + what + "; counts are computed from tests[], so one of them was edited: "
                    + "re-run the tests");
        }
    }

    /**
     * The receipt's status is the test body's outcome; the platform's is final. They agree, or the receipt says
     * passed and the test failed (or aborted) afterwards: its receipt broke a rule of the policy, or an extension
     * that runs after the receipt is written failed it. A receipt never turns a failure into a pass.
     */
    static boolean statusesAgree(String receipt, String platform) {
        return Objects.equals(receipt, platform)
                || ("passed".equals(receipt) && ("failed".equals(platform) || "aborted".equals(platform)));
    }

    private void receipts(Map<String, RunSummary.TestOutcome> tests) {
        Map<String, String> pathOfTest = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        List<RunSummary.ReceiptDigest> receipts = summary.receipts();
        for (int i = 0; i < receipts.size(); i++) {
            RunSummary.ReceiptDigest r = receipts.get(i);
            String path = String.valueOf(r.path());
            Integer first = index.putIfAbsent(path, i);
            if (first != null) {
                problems.add(Kind.DUPLICATE, path, file + ": receipts[" + i + "] repeats '" + path + "' of receipts["
                        + first + "]; each receipt is listed once: the summary was edited, re-run the tests");
                continue;
            }
            if (r.test() == null || r.test().isBlank()) {
                problems.add(Kind.RECEIPT_WITHOUT_TEST, path, file + ": receipts[" + i + "] '" + path + "' names no "
                        + "test; every receipt is written by one test: the summary was edited, re-run the tests");
                continue;
            }
            String other = pathOfTest.putIfAbsent(r.test(), path);
            if (other != null) {
                problems.add(Kind.DUPLICATE, path, file + ": test '" + r.test() + "' has two receipts, '" + other
                        + "' and '" + path + "'; a test writes one receipt per run: re-run the tests");
            }
            RunSummary.TestOutcome test = tests.get(r.test());
            if (test == null) {
                problems.add(Kind.RECEIPT_WITHOUT_TEST, path, file + ": receipt '" + path + "' belongs to test '"
                        + r.test() + "', which tests[] does not list: a receipt was added to the summary without its "
                        + "test (or the test removed); re-run the tests");
            } else if (!statusesAgree(r.status(), test.status())) {
                problems.add(Kind.STATUS_MISMATCH, path, file + ": receipt '" + path + "' records status '" + r.status()
                        + "' for test '" + r.test() + "' but tests[] says '" + test.status() + "'; a test that "
                        + r.status() + " cannot end " + test.status() + ": the summary was edited, re-run the tests");
            }
        }
        for (RunSummary.TestOutcome t : summary.tests()) {
            if (t.needsReceipt() && !pathOfTest.containsKey(t.test())) {
                problems.add(Kind.TEST_WITHOUT_RECEIPT, t.test(), file + ": test '" + t.test() + "' is annotated "
                        + "@EmitsReceipt and " + t.status() + ", but the summary lists no receipt for it: its receipt was "
                        + "removed from the summary, or could not be written (see the test's failure); re-run the tests");
            }
        }
    }
}
