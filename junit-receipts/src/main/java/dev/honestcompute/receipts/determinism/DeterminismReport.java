package dev.honestcompute.receipts.determinism;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Result of a determinism check, shaped as the receipt's {@code determinism} section.
 *
 * @param runs            how many times the body ran
 * @param deterministic   whether every output was bit-identical in every run
 * @param outputs         every output's digests per run, in run 0's recording order
 * @param firstMismatch   the first differing output (output order, then run), or {@code null}
 * @param seeds           the seed each run declared ({@code null} entries when a run declared none)
 * @param threads         thread settings at the time of the check
 * @param encoding        the canonical encoding the digests are computed over
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeterminismReport(
        @JsonProperty("runs") int runs,
        @JsonProperty("deterministic") boolean deterministic,
        @JsonProperty("outputs") List<OutputDigest> outputs,
        @JsonProperty("first_mismatch") OutputMismatch firstMismatch,
        @JsonProperty("seeds") List<Long> seeds,
        @JsonProperty("threads") ThreadSettings threads,
        @JsonProperty("encoding") String encoding) {

    public static final String ENCODING = "sha256(tag:u8, count:i64le, elements little-endian; floats by raw IEEE-754 "
            + "bits; strings UTF-8)";

    /** Throws {@link NondeterminismError} with the first differing output unless the runs agreed. */
    public DeterminismReport assertDeterministic() {
        if (!deterministic) {
            throw new NondeterminismError(firstMismatch);
        }
        return this;
    }
}
