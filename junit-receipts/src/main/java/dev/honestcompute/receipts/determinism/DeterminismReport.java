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
 * @param kernelCallsPerRun kernel calls each run made (each run in a recording window of its own)
 * @param recorderActive  whether the recorder agent was active, so that the kernel calls mean something
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeterminismReport(
        @JsonProperty("runs") int runs,
        @JsonProperty("deterministic") boolean deterministic,
        @JsonProperty("outputs") List<OutputDigest> outputs,
        @JsonProperty("first_mismatch") OutputMismatch firstMismatch,
        @JsonProperty("seeds") List<Long> seeds,
        @JsonProperty("threads") ThreadSettings threads,
        @JsonProperty("encoding") String encoding,
        @JsonProperty("kernel_calls_per_run") List<Long> kernelCallsPerRun,
        @JsonProperty("recorder_active") boolean recorderActive) {

    /** A repeated run may make no fewer than this share of run 0's kernel calls; fewer is a cache (rule HC031). */
    public static final double CACHE_RATIO = 0.5;

    public static final String ENCODING = "sha256(tag:u8, count:i64le, elements little-endian; floats by raw IEEE-754 "
            + "bits; strings UTF-8)";

    /**
     * Throws {@link AssertionError} when the recorder was active and a run made no kernel call, or far fewer than run
     * 0: identical outputs from an engine that did not compute them prove nothing.
     */
    public DeterminismReport assertEveryRunComputed() {
        if (!recorderActive || kernelCallsPerRun == null || kernelCallsPerRun.isEmpty()) {
            return this;
        }
        long first = kernelCallsPerRun.get(0);
        for (int r = 0; r < kernelCallsPerRun.size(); r++) {
            long calls = kernelCallsPerRun.get(r);
            if (calls == 0 || calls < CACHE_RATIO * first) {
                throw new AssertionError((first == 0 ? "determinism run 0 of " + runs + " made no kernel call: the body"
                        + " ran no instrumented kernel, so identical outputs prove nothing about the engine"
                        : "determinism run " + r + " of " + runs + " made " + calls + " kernel call(s) where run 0 made "
                        + first + ": its outputs did not come from the engine computing them (a cache or a replay)")
                        + "; a determinism check must run the engine every time (rule HC031). Kernel calls per run: "
                        + kernelCallsPerRun);
            }
        }
        return this;
    }

    /** Throws {@link NondeterminismError} with the first differing output unless the runs agreed. */
    public DeterminismReport assertDeterministic() {
        if (!deterministic) {
            throw new NondeterminismError(firstMismatch);
        }
        return this;
    }
}
