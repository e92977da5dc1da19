package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code run-summary.json}: the contract of one build's test run, written when each launcher session ends. Counts come
 * from the JUnit Platform, not from receipts; every receipt the build wrote is listed with its SHA-256, and every
 * receipt in the directory that another build wrote is named as stale. {@link RunSummaryVerifier} checks a summary
 * against the receipts beside it and against itself.
 *
 * <p>A build often runs several launcher sessions into one receipts directory: two Surefire executions, Surefire
 * and Failsafe, or {@code forkCount > 1}. They share one build id (the system property or configuration parameter
 * {@value #BUILD_ID_PARAMETER}), and each session merges its tests into the summary an earlier session <em>of the same
 * build</em> left (a test run again replaces its earlier outcome, a receipt written again replaces its earlier digest).
 * A summary of another build is never merged: its receipts are stale. Earlier digests are copied, never recomputed, so
 * a receipt edited between sessions is still caught. {@code sessions} says how many were merged.
 *
 * <pre>{@code
 * RunSummary summary = RunSummaryFiles.read(Path.of("target/receipts/run-summary.json"));
 * RunSummaryVerification check = RunSummaryVerifier.verify(Path.of("target/receipts/run-summary.json"), null);
 * check.problems().forEach(p -> System.err.println(p.kind() + " " + p.path() + ": " + p.message()));
 * }</pre>
 *
 * @param summaryVersion   format version of this file, {@value #VERSION}
 * @param buildId          the id of the build that wrote this summary and every receipt it lists
 * @param buildIdSource    {@code configured} (set by the Maven plugin or the configuration parameter) or
 *                         {@code generated} (none was set: one id per test JVM)
 * @param startedAt        ISO-8601 instant the first test plan started
 * @param finishedAt       ISO-8601 instant the session ended
 * @param counts           test counts from the platform
 * @param skipped          every skipped test with its reason (deselections are counted separately)
 * @param deselectedByRule tests deselected by an explicit, reported rule, counted by rule id
 * @param failedContainers containers (classes, templates) that failed as a whole, e.g. in {@code @BeforeAll}
 * @param sessions         how many launcher sessions of this build wrote into this summary
 * @param receipts         every receipt written in this build, path relative to this file's directory
 * @param stale            receipts in the directory that this build did not record: other builds' or a crashed JVM's
 * @param host             the host fingerprint, once for the whole run
 * @param replay           the replay block (plan and result hashes) of the receipts in run order, or null
 * @param tests            every test the platform reported, with its outcome (what {@code counts} is computed from)
 * @param signature        the Ed25519 signature over this summary's canonical JSON, or null when no key was set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"summary_version", "build_id", "build_id_source", "started_at", "finished_at", "counts",
        "skipped", "deselected_by_rule", "failed_containers", "sessions", "receipts", "stale", "host", "replay", "tests",
        "signature"})
public record RunSummary(
        @JsonProperty("summary_version") String summaryVersion,
        @JsonProperty("build_id") String buildId,
        @JsonProperty("build_id_source") String buildIdSource,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("counts") Counts counts,
        @JsonProperty("skipped") List<Skip> skipped,
        @JsonProperty("deselected_by_rule") Map<String, Long> deselectedByRule,
        @JsonProperty("failed_containers") List<FailedContainer> failedContainers,
        @JsonProperty("sessions") int sessions,
        @JsonProperty("receipts") List<ReceiptDigest> receipts,
        @JsonProperty("stale") List<StaleReceipt> stale,
        @JsonProperty("host") JsonNode host,
        @JsonProperty("replay") JsonNode replay,
        @JsonProperty("tests") List<TestOutcome> tests,
        @JsonProperty("signature") Signature signature) {

    /** Current format version: 1.1.0 added build ids, stale receipts, {@code emits_receipt} and the signature. */
    public static final String VERSION = "1.1.0";
    /** The major version this library reads; a summary of another major is refused. */
    public static final int MAJOR_VERSION = 1;
    /** File name inside the receipts directory. */
    public static final String FILE_NAME = "run-summary.json";
    /** Class-path resource of the run summary's JSON Schema (draft 2020-12); also in {@code docs/}. */
    public static final String SCHEMA_RESOURCE = "/dev/honestcompute/receipts/run-summary-schema-1.1.0.json";
    /** System property and JUnit configuration parameter naming the build: one id per {@code mvn} invocation. */
    public static final String BUILD_ID_PARAMETER = "honestcompute.build.id";
    /** {@code build_id_source} when the id was set by the plugin, a system property or a configuration parameter. */
    public static final String BUILD_ID_CONFIGURED = "configured";
    /** {@code build_id_source} when no id was set and the test JVM made one up for itself. */
    public static final String BUILD_ID_GENERATED = "generated";
    /** The test outcomes {@code tests[].status} may take. */
    public static final Set<String> STATUSES = Set.of("passed", "failed", "skipped", "aborted", "deselected");

    public RunSummary {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        deselectedByRule = deselectedByRule == null ? Map.of() : Map.copyOf(deselectedByRule);
        failedContainers = failedContainers == null ? List.of() : List.copyOf(failedContainers);
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
        stale = stale == null ? List.of() : List.copyOf(stale);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** This summary with {@code signature} (null removes it). */
    public RunSummary withSignature(Signature signature) {
        return new RunSummary(summaryVersion, buildId, buildIdSource, startedAt, finishedAt, counts, skipped,
                deselectedByRule, failedContainers, sessions, receipts, stale, host, replay, tests, signature);
    }

    /**
     * The counts of {@code tests}, as a summary records them.
     *
     * @throws IllegalArgumentException naming the test when a status is not one of {@link #STATUSES}
     */
    public static Counts countsOf(Iterable<TestOutcome> tests) {
        long total = 0, passed = 0, failed = 0, skipped = 0, aborted = 0, deselected = 0;
        for (TestOutcome t : tests) {
            total++;
            switch (String.valueOf(t.status())) {
                case "passed" -> passed++;
                case "failed" -> failed++;
                case "skipped" -> skipped++;
                case "aborted" -> aborted++;
                case "deselected" -> deselected++;
                default -> throw new IllegalArgumentException("test " + t.test() + " has unknown status '" + t.status()
                        + "' in the run summary; expected passed, failed, skipped, aborted or deselected");
            }
        }
        return new Counts(total, passed, failed, skipped, aborted, deselected);
    }

    /** The {@code skipped} list of {@code tests}: every test with status {@code skipped}, in order. */
    public static List<Skip> skipsOf(Iterable<TestOutcome> tests) {
        List<Skip> out = new ArrayList<>();
        for (TestOutcome t : tests) {
            if ("skipped".equals(t.status())) {
                out.add(new Skip(t.test(), t.displayName(), t.reason()));
            }
        }
        return out;
    }

    /** The {@code deselected_by_rule} map of {@code tests}: deselected tests counted by rule id, sorted. */
    public static Map<String, Long> deselectionsOf(Iterable<TestOutcome> tests) {
        Map<String, Long> out = new TreeMap<>();
        for (TestOutcome t : tests) {
            if ("deselected".equals(t.status())) {
                out.merge(String.valueOf(t.rule()), 1L, Long::sum);
            }
        }
        return out;
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
     * @param test         the test's unique id
     * @param displayName  its display name
     * @param status       {@code passed}, {@code failed}, {@code aborted}, {@code skipped} or {@code deselected}
     * @param reason       the skip reason, or null
     * @param rule         the deselection rule id when {@code status} is {@code deselected}, else null
     * @param emitsReceipt true when the test is annotated {@code @EmitsReceipt}: when it ran (passed, failed or
     *                     aborted) it must have written a receipt; null (absent) otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"test", "display_name", "status", "reason", "rule", "emits_receipt"})
    public record TestOutcome(@JsonProperty("test") String test,
                              @JsonProperty("display_name") String displayName,
                              @JsonProperty("status") String status,
                              @JsonProperty("reason") String reason,
                              @JsonProperty("rule") String rule,
                              @JsonProperty("emits_receipt") Boolean emitsReceipt) {

        /** Whether the test must have a receipt: it is an {@code @EmitsReceipt} test and it ran. */
        public boolean needsReceipt() {
            return Boolean.TRUE.equals(emitsReceipt)
                    && ("passed".equals(status) || "failed".equals(status) || "aborted".equals(status));
        }
    }

    /** One receipt of this build: where, its SHA-256 when written, which test wrote it and how that test ended. */
    @JsonPropertyOrder({"path", "sha256", "test", "status"})
    public record ReceiptDigest(@JsonProperty("path") String path,
                                @JsonProperty("sha256") String sha256,
                                @JsonProperty("test") String test,
                                @JsonProperty("status") String status) {
    }

    /**
     * A receipt found in the directory that this build did not record.
     *
     * @param path    relative to the summary's directory
     * @param buildId the build id the receipt names, or null when it names none (older, foreign or unreadable)
     * @param test    the test unique id the receipt names, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"path", "build_id", "test"})
    public record StaleReceipt(@JsonProperty("path") String path,
                               @JsonProperty("build_id") String buildId,
                               @JsonProperty("test") String test) {
    }

    /**
     * The run's signature (see {@link RunSignature}).
     *
     * @param algorithm       {@value RunSignature#ALGORITHM}
     * @param publicKey       base64 of the signer's X.509 public key (informational: verify with the key you trust)
     * @param publicKeySha256 SHA-256 of that key's bytes, to tell keys apart in messages
     * @param value           base64 of the signature over the canonical JSON of the summary without {@code signature}
     */
    @JsonPropertyOrder({"algorithm", "public_key", "public_key_sha256", "value"})
    public record Signature(@JsonProperty("algorithm") String algorithm,
                            @JsonProperty("public_key") String publicKey,
                            @JsonProperty("public_key_sha256") String publicKeySha256,
                            @JsonProperty("value") String value) {
    }
}
