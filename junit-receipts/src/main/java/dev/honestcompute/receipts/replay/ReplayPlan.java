package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What drives a run, hashed into {@code plan_sha256}: the tests in order, the SHA-256 of every fixture they used, and
 * the configuration that can change results (e.g. JUnit configuration parameters, requested backends).
 *
 * @param tests    test unique ids, in execution order (sorted when built from a directory of receipts)
 * @param fixtures fixture name -&gt; SHA-256 of its verified content
 * @param config   result-relevant configuration, key -&gt; value
 */
public record ReplayPlan(
        @JsonProperty("tests") List<String> tests,
        @JsonProperty("fixtures") Map<String, String> fixtures,
        @JsonProperty("config") Map<String, String> config) {

    public ReplayPlan {
        tests = List.copyOf(tests);
        fixtures = java.util.Collections.unmodifiableMap(new TreeMap<>(fixtures));
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }
}
