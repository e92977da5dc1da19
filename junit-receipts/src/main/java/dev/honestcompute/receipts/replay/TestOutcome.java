package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functional result of one test as it enters {@code result_sha256}: the fields listed in
 * {@link ReplayBlock#DETERMINISTIC_FIELDS}.
 *
 * @param id            the test's unique id
 * @param status        "passed", "failed", "aborted" or "skipped"
 * @param outputDigests output name -&gt; SHA-256 of its canonical encoding (from a determinism check; outputs that
 *                      were identical in every run only)
 * @param kernels       ids of the kernels observed, sorted
 */
public record TestOutcome(
        @JsonProperty("id") String id,
        @JsonProperty("status") String status,
        @JsonProperty("output_digests") Map<String, String> outputDigests,
        @JsonProperty("kernels") List<String> kernels) {

    public TestOutcome {
        outputDigests = new TreeMap<>(outputDigests);
        kernels = kernels.stream().sorted().distinct().toList();
    }
}
