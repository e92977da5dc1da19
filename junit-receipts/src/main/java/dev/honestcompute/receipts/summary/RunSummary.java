package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code run-summary.json}: what the test run did, written when each launcher session ends. Counts come from the
 * JUnit Platform, not from receipts; every receipt written in the run is listed with its SHA-256 so that an edited,
 * removed or smuggled-in receipt is detected later ({@link RunSummaryDigests}).
 *
 * <p>A build often runs several launcher sessions into one receipts directory: two Surefire executions, Surefire
 * and Failsafe, or {@code forkCount > 1}. Like {@code target/surefire-reports}, the summary then accumulates: each
 * session merges its tests into the summary it finds (a test run again replaces its earlier outcome, a receipt
 * written again replaces its earlier digest) until the directory is cleaned. Earlier digests are copied, never
 * recomputed, so a receipt edited between sessions is still caught. {@code sessions} says how many were merged.
 *
 * <pre>{@code
 * RunSummary summary = RunSummaryFiles.read(Path.of("target/receipts/run-summary.json"));
 * List<RunSummaryDigests.Problem> problems = RunSummaryDigests.check(Path.of("target/receipts/run-summary.json"));
 * }</pre>
 *
 * @param summaryVersion   format version of this file, {@value #VERSION}
 * @param startedAt        ISO-8601 instant the first test plan started
 * @param finishedAt       ISO-8601 instant the session ended
 * @param counts           test counts from the platform
 * @param skipped          every skipped test with its reason (deselections are counted separately)
 * @param deselectedByRule tests deselected by an explicit, reported rule, counted by rule id
 * @param failedContainers containers (classes, templates) that failed as a whole, e.g. in {@code @BeforeAll}
 * @param receipts         every receipt written in this run, path relative to this file's directory
 * @param host             the host fingerprint, once for the whole run
 * @param replay           the replay block (plan and result hashes) of the receipts in run order, or null
 * @param tests            every test the platform reported, with its outcome (what {@code counts} is computed from)
 * @param sessions         how many launcher sessions wrote into this summary
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"summary_version", "started_at", "finished_at", "counts", "skipped", "deselected_by_rule",
        "failed_containers", "sessions", "receipts", "host", "replay", "tests"})
public record RunSummary(
        @JsonProperty("summary_version") String summaryVersion,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("counts") Counts counts,
        @JsonProperty("skipped") List<Skip> skipped,
        @JsonProperty("deselected_by_rule") Map<String, Long> deselectedByRule,
        @JsonProperty("failed_containers") List<FailedContainer> failedContainers,
        @JsonProperty("receipts") List<ReceiptDigest> receipts,
        @JsonProperty("host") JsonNode host,
        @JsonProperty("replay") JsonNode replay,
        @JsonProperty("tests") List<TestOutcome> tests,
        @JsonProperty("sessions") int sessions) {

    /** Current format version. */
    public static final String VERSION = "1.0.0";
    /** File name inside the receipts directory. */
    public static final String FILE_NAME = "run-summary.json";

    public RunSummary {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        deselectedByRule = deselectedByRule == null ? Map.of() : Map.copyOf(deselectedByRule);
        failedContainers = failedContainers == null ? List.of() : List.copyOf(failedContainers);
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** A summary without per-test outcomes, written by one session (as older summaries were). */
    public RunSummary(String summaryVersion, String startedAt, String finishedAt, Counts counts, List<Skip> skipped,
                      Map<String, Long> deselectedByRule, List<FailedContainer> failedContainers,
                      List<ReceiptDigest> receipts, JsonNode host, JsonNode replay) {
        this(summaryVersion, startedAt, finishedAt, counts, skipped, deselectedByRule, failedContainers, receipts,
                host, replay, List.of(), 1);
    }

    /**
     * Test counts as the JUnit Platform reported them; {@code total} is the sum of the others.
     */
    @JsonPropertyOrder({"total", "passed", "failed", "skipped", "aborted", "deselected"})
    public record Counts(
            @JsonProperty("total") long total,
            @JsonProperty("passed") long passed,
            @JsonProperty("failed") long failed,
            @JsonProperty("skipped") long skipped,
            @JsonProperty("aborted") long aborted,
            @JsonProperty("deselected") long deselected) {
    }

    /** One skipped test and why. */
    public record Skip(@JsonProperty("test") String test,
                       @JsonProperty("display_name") String displayName,
                       @JsonProperty("reason") String reason) {
    }

    /** A container that failed as a whole; its tests did not run. */
    public record FailedContainer(@JsonProperty("container") String container,
                                  @JsonProperty("message") String message) {
    }

    /**
     * One test's outcome as the platform reported it.
     *
     * @param test        the test's unique id
     * @param displayName its display name
     * @param status      {@code passed}, {@code failed}, {@code aborted}, {@code skipped} or {@code deselected}
     * @param reason      the skip reason, or null
     * @param rule        the deselection rule id when {@code status} is {@code deselected}, else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"test", "display_name", "status", "reason", "rule"})
    public record TestOutcome(@JsonProperty("test") String test,
                              @JsonProperty("display_name") String displayName,
                              @JsonProperty("status") String status,
                              @JsonProperty("reason") String reason,
                              @JsonProperty("rule") String rule) {
    }

    /** One receipt of this run. */
    @JsonPropertyOrder({"path", "sha256", "test", "status"})
    public record ReceiptDigest(@JsonProperty("path") String path,
                                @JsonProperty("sha256") String sha256,
                                @JsonProperty("test") String test,
                                @JsonProperty("status") String status) {
    }
}
