package dev.honestcompute.receipts.determinism;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The first output that differs between runs.
 *
 * @param output        the output's name
 * @param run           the run (from 0) that differs from run 0
 * @param index         the first differing element, or {@code null} for a missing output / type difference
 * @param expected      run 0's element (or description)
 * @param actual        that run's element (or description)
 * @param message       one readable sentence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputMismatch(
        @JsonProperty("output") String output,
        @JsonProperty("run") int run,
        @JsonProperty("index") Integer index,
        @JsonProperty("expected") String expected,
        @JsonProperty("actual") String actual,
        @JsonProperty("message") String message) {
}
