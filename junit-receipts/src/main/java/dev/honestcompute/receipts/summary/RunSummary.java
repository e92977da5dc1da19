package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code run-summary.json}: what one test run did, written once when the launcher session ends. Counts come from the
 * JUnit Platform, not from receipts; every receipt written in the run is listed with its SHA-256 so that an edited,
 * removed or smuggled-in receipt is detected later ({@link RunSummaryDigests}).
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"summary_version", "started_at", "finished_at", "counts", "skipped", "deselected_by_rule",
        "failed_containers", "receipts", "host", "replay"})
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
        @JsonProperty("replay") JsonNode replay) {

    /** Current format version. */
    public static final String VERSION = "1.0.0";
    /** File name inside the receipts directory. */
    public static final String FILE_NAME = "run-summary.json";

    public RunSummary {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        deselectedByRule = deselectedByRule == null ? Map.of() : Map.copyOf(deselectedByRule);
        failedContainers = failedContainers == null ? List.of() : List.copyOf(failedContainers);
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
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

    /** One receipt of this run. */
    @JsonPropertyOrder({"path", "sha256", "test", "status"})
    public record ReceiptDigest(@JsonProperty("path") String path,
                                @JsonProperty("sha256") String sha256,
                                @JsonProperty("test") String test,
                                @JsonProperty("status") String status) {
    }
}
