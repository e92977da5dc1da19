package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What drives a run, hashed into {@code plan_sha256}: the tests in execution order, the SHA-256 of every fixture they
 * used, and the configuration that can change results (e.g. JUnit configuration parameters, requested backends).
 *
 * @param tests    test unique ids in execution order
 * @param fixtures fixture name -&gt; SHA-256 of its verified content
 * @param config   result-relevant configuration, key -&gt; value (strings, numbers or booleans)
 */
public record ReplayPlan(
        @JsonProperty("tests") List<String> tests,
        @JsonProperty("fixtures") Map<String, String> fixtures,
        @JsonProperty("config") Map<String, Object> config) {

    public ReplayPlan {
        tests = List.copyOf(tests);
        fixtures = Map.copyOf(fixtures);
        config = Map.copyOf(config);
    }
}
