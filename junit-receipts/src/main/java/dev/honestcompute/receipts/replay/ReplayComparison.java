package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The comparison artifact of {@code replay compare A B} ({@link ReplayCli}).
 *
 * @param format      {@value #FORMAT}
 * @param status      "match", "mismatch" or "invalid"
 * @param equivalent  whether A and B are replay-equivalent (exit 0)
 * @param a           file A and its declared hashes
 * @param b           file B and its declared hashes
 * @param mismatches  every differing path: {@code /replay/plan/...} in the plans,
 *                    {@code /replay/deterministic_fields/...}, and {@code /results/<test id>/<field>} in the result
 *                    projections (see {@link ReplayBlock}); a side's value is omitted when it lacks the path
 * @param errors      why an input is invalid (file and field named)
 * @param warnings    remarks that do not make the comparison fail
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayComparison(
        @JsonProperty("format") String format,
        @JsonProperty("status") String status,
        @JsonProperty("equivalent") boolean equivalent,
        @JsonProperty("a") Side a,
        @JsonProperty("b") Side b,
        @JsonProperty("mismatches") List<Mismatch> mismatches,
        @JsonProperty("errors") List<String> errors,
        @JsonProperty("warnings") List<String> warnings) {

    public static final String FORMAT = "honestcompute-replay-comparison/1";

    /** One input file and its hashes (declared, and recomputed when the file could be read). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(
            @JsonProperty("file") String file,
            @JsonProperty("plan_sha256") String planSha256,
            @JsonProperty("result_sha256") String resultSha256) {
    }

    /** A path where A and B differ; {@code a}/{@code b} omitted when that side lacks the path. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mismatch(
            @JsonProperty("path") String path,
            @JsonProperty("a") JsonNode a,
            @JsonProperty("b") JsonNode b) {
    }
}
