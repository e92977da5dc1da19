package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A kernel the recorder observed during the measured part (warmup excluded). */
public record ObservedKernel(
        @JsonProperty("id") String id,
        @JsonProperty("backend") String backend,
        @JsonProperty("calls") long calls) {
}
