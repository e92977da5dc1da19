package dev.honestcompute.recorder;

import java.util.List;

/**
 * What the recorder observed for one kernel inside one recording window.
 *
 * @param id          the kernel id (from {@link Kernel#id()} or the kernels config)
 * @param backend     the backend the kernel ran on
 * @param calls       calls that returned normally (for launch APIs: launches that reported success)
 * @param failedCalls calls that threw or reported an error code; never counted as executed
 * @param nanos       wall time inside the kernel summed over the timed calls, or {@code -1} when timing was off
 * @param requires    the CPU features the kernel declares it needs ({@link Kernel#requires()} or the kernels config's
 *                    {@code "requires"}), lower case, sorted, without duplicates; empty when it declares none
 * @param timedCalls  how many calls {@code nanos} covers: all of them ({@code calls + failedCalls}) with
 *                    {@code -Dhonestcompute.recorder.timing=true}, a sample with {@code timing=sampled}, 0 when off
 */
public record KernelStats(String id, String backend, long calls, long failedCalls, long nanos, List<String> requires,
                          long timedCalls) {

    public KernelStats {
        requires = List.copyOf(requires);
        if (timedCalls < 0 || timedCalls > calls + failedCalls || (nanos < 0 && timedCalls != 0)) {
            throw new IllegalArgumentException("kernel '" + id + "': timedCalls " + timedCalls + " must be between 0 "
                    + "and calls + failedCalls (" + (calls + failedCalls) + "), and 0 when not timed (nanos " + nanos
                    + ")");
        }
    }

    /** Observations where timing, when on, covered every call. */
    public KernelStats(String id, String backend, long calls, long failedCalls, long nanos, List<String> requires) {
        this(id, backend, calls, failedCalls, nanos, requires, nanos < 0 ? 0 : calls + failedCalls);
    }

    /** Observations of a kernel that declares no CPU feature requirements; timing, when on, covered every call. */
    public KernelStats(String id, String backend, long calls, long failedCalls, long nanos) {
        this(id, backend, calls, failedCalls, nanos, List.of());
    }

    /** Whether timing was on for this kernel. */
    public boolean timed() {
        return nanos >= 0;
    }

    /** Whether {@link #nanos()} covers only a sample of the calls ({@code timing=sampled}). */
    public boolean sampled() {
        return timed() && timedCalls < calls + failedCalls;
    }
}
