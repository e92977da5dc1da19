package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run summary's {@code replay} block. A run summary that carries it looks like:
 * <pre>{@code
 * {"replay": {"format": "honestcompute-replay/1",
 *             "plan": {"tests": ["[engine:junit-jupiter]/..."], "fixtures": {"tiny.gguf": "ab12..."},
 *                      "config": {"honestcompute.backend": "cpu"}},
 *             "plan_sha256": "...", "result_sha256": "...",
 *             "deterministic_fields": ["status", "output_digests", "kernels"],
 *             "nondeterministic_fields": ["duration_ms", "performance", "started_at"]},
 *  "tests": [{"id": "[engine:junit-jupiter]/...", "status": "passed", "output_digests": {"logits": "..."},
 *             "kernels": ["cpu.matmul"], "duration_ms": 12.5}]}
 * }</pre>
 * {@code plan_sha256} = {@link CanonicalJson#sha256} of {@code plan}. {@code result_sha256} = SHA-256 of the canonical
 * <em>result projection</em>: {@code {"results": {<test id>: {<each deterministic field>: value or null}}}} built
 * from the top-level {@code tests} array. {@code deterministic_fields} name per-test keys that must match across
 * replays (the test's {@code id} is always the key); {@code nondeterministic_fields} name keys intentionally excluded.
 *
 * <pre>{@code
 * ReplayBlock block = ReplayBlock.create(plan, outcomes);   // the lead writes it into run-summary.json
 * }</pre>
 */
public record ReplayBlock(
        @JsonProperty("format") String format,
        @JsonProperty("plan") ReplayPlan plan,
        @JsonProperty("plan_sha256") String planSha256,
        @JsonProperty("result_sha256") String resultSha256,
        @JsonProperty("deterministic_fields") List<String> deterministicFields,
        @JsonProperty("nondeterministic_fields") List<String> nondeterministicFields) {

    public static final String FORMAT = "honestcompute-replay/1";
    public static final List<String> DEFAULT_DETERMINISTIC_FIELDS = List.of("status", "output_digests", "kernels");
    public static final List<String> DEFAULT_NONDETERMINISTIC_FIELDS =
            List.of("duration_ms", "started_at", "finished_at", "performance", "host");

    /** Builds the block for a plan and the tests' outcomes, with the default field lists. */
    public static ReplayBlock create(ReplayPlan plan, List<TestOutcome> outcomes) {
        JsonNode tests = CanonicalJson.toTree(outcomes);
        return new ReplayBlock(FORMAT, plan, CanonicalJson.sha256(CanonicalJson.toTree(plan)),
                CanonicalJson.sha256(projection(tests, DEFAULT_DETERMINISTIC_FIELDS)),
                DEFAULT_DETERMINISTIC_FIELDS, DEFAULT_NONDETERMINISTIC_FIELDS);
    }

    /**
     * The result projection of a {@code tests} array: test id -&gt; deterministic fields. Throws
     * {@link IllegalArgumentException} naming the entry for a non-object entry, a missing id or a duplicate id.
     */
    static ObjectNode projection(JsonNode tests, List<String> deterministicFields) {
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tests.size(); i++) {
            JsonNode t = tests.get(i);
            if (!t.isObject()) {
                throw new IllegalArgumentException("tests[" + i + "]: expected an object");
            }
            JsonNode id = t.get("id");
            if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                throw new IllegalArgumentException("tests[" + i + "].id: expected the test's unique id as a string");
            }
            if (!seen.add(id.textValue())) {
                throw new IllegalArgumentException("tests[" + i + "].id: duplicate test id '" + id.textValue() + "'");
            }
            ObjectNode fields = results.putObject(id.textValue());
            for (String f : deterministicFields) {
                JsonNode v = t.get(f);
                fields.set(f, v == null ? JsonNodeFactory.instance.nullNode() : v);
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("results", results);
        return root;
    }
}
