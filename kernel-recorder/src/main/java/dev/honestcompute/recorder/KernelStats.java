package dev.honestcompute.recorder;

import java.util.List;

/**
 * What the recorder observed for one kernel inside one recording window.
 *
 * @param id          the kernel id (from {@link Kernel#id()}, the kernels config, or an evidence source)
 * @param backend     the backend the kernel ran on
 * @param calls       calls that returned normally (for launch APIs: launches the driver reported as successful)
 * @param failedCalls calls that threw or reported an error code; never counted as executed
 * @param nanos       wall time inside the kernel summed over the timed calls, or {@code -1} when timing was off
 * @param requires    the CPU features the kernel declares it needs ({@link Kernel#requires()} or the kernels config's
 *                    {@code "requires"}), lower case, sorted, without duplicates; empty when it declares none
 * @param timedCalls  how many calls {@code nanos} covers: all of them ({@code calls + failedCalls}) with
 *                    {@code -Dhonestcompute.recorder.timing=true}, a sample with {@code timing=sampled}, 0 when off
 * @param source      who observed it: {@code "agent"} (the recorder's instrumentation) or an evidence source's name,
 *                    e.g. {@code "onnxruntime-profiler"}
 * @param evidence    how: an {@link dev.honestcompute.recorder.evidence.EvidenceKind}'s JSON name ({@code
 *                    instrumentation}, {@code driver}, {@code profiler}, {@code log}, {@code engine-state})
 * @param unverified  why the declared backend is not backed by evidence, or {@code ""}: a {@code cuda} kernel inside
 *                    which no device launch was observed, a {@code cpu-simd} kernel whose class uses neither the Vector
 *                    API nor native code, a kernel only a third-party evidence source reported
 */
public record KernelStats(String id, String backend, long calls, long failedCalls, long nanos, List<String> requires,
                          long timedCalls, String source, String evidence, String unverified) {

    public KernelStats {
        requires = List.copyOf(requires);
        if (timedCalls < 0 || timedCalls > calls + failedCalls || (nanos < 0 && timedCalls != 0)) {
            throw new IllegalArgumentException("kernel '" + id + "': timedCalls " + timedCalls + " must be between 0 "
                    + "and calls + failedCalls (" + (calls + failedCalls) + "), and 0 when not timed (nanos " + nanos
                    + ")");
        }
        source = source == null || source.isBlank() ? "agent" : source;
        evidence = evidence == null || evidence.isBlank() ? "instrumentation" : evidence;
        unverified = unverified == null ? "" : unverified;
    }

    /** Observations by the agent's instrumentation, verified. */
    public KernelStats(String id, String backend, long calls, long failedCalls, long nanos, List<String> requires,
                       long timedCalls) {
        this(id, backend, calls, failedCalls, nanos, requires, timedCalls, "agent", "instrumentation", "");
    }

    /** Whether timing was on for this kernel. */
    public boolean timed() {
        return nanos >= 0;
    }

    /** Whether {@link #nanos()} covers only a sample of the calls ({@code timing=sampled}). */
    public boolean sampled() {
        return timed() && timedCalls < calls + failedCalls;
    }

    /** Whether the declared backend is backed by evidence. */
    public boolean verified() {
        return unverified.isEmpty();
    }
}
