package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The run summary's {@code replay} block: what a run was asked to do and what it functionally produced, as two hashes
 * that an identical replay must reproduce.
 * <pre>{@code
 * "replay": {
 *   "format": "honestcompute-replay/1",
 *   "plan": {"tests": ["[engine:junit-jupiter]/..."], "fixtures": {"tiny-llama": "ab12..."},
 *            "config": {"honestcompute.backend": "cpu"}},
 *   "plan_sha256": "...",                 // canonical JSON (CanonicalJson) of "plan"
 *   "results": [{"id": "[engine:junit-jupiter]/...", "status": "passed",
 *                "output_digests": {"logits": "..."}, "kernels": ["matmul_f32_simd"]}],
 *   "result_sha256": "...",               // canonical JSON of {"results": {<id>: {<deterministic fields>}}}
 *   "deterministic_fields": ["status", "output_digests", "kernels"],
 *   "nondeterministic_fields": ["timestamp", "duration_ms", "performance", "host", ...]
 * }
 * }</pre>
 * {@code output_digests} are the run-0 digests of the receipt's {@code determinism} outputs that were identical in
 * every run (an output already known to vary is not a replay criterion). Timings, performance, host and environment
 * are excluded on purpose and listed in {@code nondeterministic_fields}.
 *
 * <pre>{@code
 * ReplayBlock block = ReplayBlock.of(receiptsInExecutionOrder, Map.of("honestcompute.backend", "cpu"));
 * summary.set("replay", block.toJson());
 * }</pre>
 */
public record ReplayBlock(
        @JsonProperty("format") String format,
        @JsonProperty("plan") ReplayPlan plan,
        @JsonProperty("plan_sha256") String planSha256,
        @JsonProperty("results") List<TestOutcome> results,
        @JsonProperty("result_sha256") String resultSha256,
        @JsonProperty("deterministic_fields") List<String> deterministicFields,
        @JsonProperty("nondeterministic_fields") List<String> nondeterministicFields) {

    public static final String FORMAT = "honestcompute-replay/1";
    public static final List<String> DETERMINISTIC_FIELDS = List.of("status", "output_digests", "kernels");
    public static final List<String> NONDETERMINISTIC_FIELDS = List.of("timestamp", "started_at", "finished_at",
            "duration_ms", "performance", "performance_baseline", "kernel_stats.nanos", "kernel_stats.timed_calls",
            "host", "environment");

    /** Builds the block for a plan and the tests' outcomes. */
    public static ReplayBlock create(ReplayPlan plan, List<TestOutcome> outcomes) {
        List<TestOutcome> results = List.copyOf(outcomes);
        return new ReplayBlock(FORMAT, plan, CanonicalJson.sha256(CanonicalJson.toTree(plan)), results,
                CanonicalJson.sha256(projection(CanonicalJson.toTree(results), DETERMINISTIC_FIELDS)),
                DETERMINISTIC_FIELDS, NONDETERMINISTIC_FIELDS);
    }

    /**
     * Builds the block from receipts, in the order given (the run summary passes them in execution order).
     *
     * @param config result-relevant configuration parameters, recorded in the plan
     * @throws IllegalArgumentException naming the receipt when it has no test identity, two receipts share a test id,
     *                                  or one fixture name appears with two different hashes
     */
    public static ReplayBlock of(List<Receipt> receipts, Map<String, String> config) {
        List<String> tests = new ArrayList<>();
        Map<String, String> fixtures = new TreeMap<>();
        Map<String, String> fixtureSource = new TreeMap<>();
        List<TestOutcome> outcomes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Receipt r : receipts) {
            Receipt.TestIdentity test = r.test().filter(t -> !t.uniqueId().isBlank()).orElseThrow(() ->
                    new IllegalArgumentException("receipt " + r.source() + " field 'test.unique_id': missing; only "
                            + "receipts written by @EmitsReceipt can be replayed"));
            if (!seen.add(test.uniqueId())) {
                throw new IllegalArgumentException("receipt " + r.source() + " field 'test.unique_id': '"
                        + test.uniqueId() + "' appears in two receipts; pass each test's receipt once");
            }
            tests.add(test.uniqueId());
            for (Receipt.FixtureEntry f : r.fixtures()) {
                String known = fixtures.putIfAbsent(f.name(), f.sha256());
                if (known != null && !known.equals(f.sha256())) {
                    throw new IllegalArgumentException("receipt " + r.source() + " field 'fixtures': fixture '"
                            + f.name() + "' has sha256 " + f.sha256() + " but " + fixtureSource.get(f.name())
                            + " used " + known + "; one run must use one version of each fixture");
                }
                fixtureSource.putIfAbsent(f.name(), r.source());
            }
            outcomes.add(new TestOutcome(test.uniqueId(), test.status(), outputDigests(r),
                    r.kernels()));
        }
        return create(new ReplayPlan(tests, fixtures, config), outcomes);
    }

    /**
     * Builds the block from every receipt under {@code dir} (recursively), ordered by test id; files that are not
     * test receipts (the run summary, files without a {@code test} object) are ignored.
     */
    public static ReplayBlock fromDirectory(Path dir, Map<String, String> config)
            throws IOException, ReceiptReadException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory of receipts");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        List<Receipt> receipts = new ArrayList<>();
        for (Path file : files) {
            Receipt r = Receipt.read(file);
            if (r.test().isPresent()) {
                receipts.add(r);
            }
        }
        if (receipts.isEmpty()) {
            throw new IOException(dir + ": no test receipts found (" + files.size() + " JSON files); run the tests "
                    + "with @EmitsReceipt first");
        }
        receipts.sort(Comparator.comparing(r -> r.test().orElseThrow().uniqueId()));
        return of(receipts, config);
    }

    /** The block as JSON, for the run summary. */
    public ObjectNode toJson() {
        return ReceiptJson.mapper().valueToTree(this);
    }

    private static Map<String, String> outputDigests(Receipt r) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode o : r.get(ReceiptFields.DETERMINISM).path("outputs")) {
            JsonNode first = o.path("sha256_per_run").path(0);
            if (o.path("name").isTextual() && o.path("identical").asBoolean(false) && first.isTextual()) {
                out.put(o.path("name").textValue(), first.textValue());
            }
        }
        return out;
    }

    /**
     * The result projection of a {@code results} array: test id -&gt; deterministic fields. Throws
     * {@link InvalidResults} naming the entry for a non-object entry, a missing id or a duplicate id.
     */
    static ObjectNode projection(JsonNode results, List<String> deterministicFields) {
        ObjectNode byId = JsonNodeFactory.instance.objectNode();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode t = results.get(i);
            if (!t.isObject()) {
                throw new InvalidResults("results[" + i + "]", "expected an object {id, status, ...}, found " + t);
            }
            JsonNode id = t.get("id");
            if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                throw new InvalidResults("results[" + i + "].id", "expected the test's unique id as a non-blank "
                        + "string, found " + (id == null ? "nothing" : id));
            }
            Integer first = seen.putIfAbsent(id.textValue(), i);
            if (first != null) {
                throw new InvalidResults("results[" + i + "].id", "expected each test once, found '" + id.textValue()
                        + "' also at results[" + first + "]; the block was edited: regenerate it by re-running the "
                        + "tests or with 'replay block DIR'");
            }
            ObjectNode fields = byId.putObject(id.textValue());
            for (String f : deterministicFields) {
                JsonNode v = t.get(f);
                fields.set(f, v == null ? JsonNodeFactory.instance.nullNode() : v);
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("results", byId);
        return root;
    }

    /** A {@code results} array that cannot be projected: which entry ({@link #field()}) and what is wrong. */
    static final class InvalidResults extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final String problem;

        InvalidResults(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
            this.problem = problem;
        }

        /** The field path inside the block, e.g. {@code results[0].id}. */
        String field() {
            return field;
        }

        /** What was expected and found. */
        String problem() {
            return problem;
        }
    }
}
