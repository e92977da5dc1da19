package dev.honestcompute.receipts.determinism;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One output's digest in every run (receipt-facing).
 *
 * @param name          the output's name
 * @param type          its {@link OutputKind}
 * @param length        element count in run 0
 * @param sha256PerRun  SHA-256 (hex) of the canonical encoding in each run; {@code "<missing>"} if a run lacked it
 * @param identical     whether all runs produced the same digest
 */
public record OutputDigest(
        @JsonProperty("name") String name,
        @JsonProperty("type") OutputKind type,
        @JsonProperty("length") int length,
        @JsonProperty("sha256_per_run") List<String> sha256PerRun,
        @JsonProperty("identical") boolean identical) {
}
