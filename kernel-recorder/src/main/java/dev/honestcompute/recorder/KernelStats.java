package dev.honestcompute.recorder;

import java.util.List;

/**
 * What the recorder observed for one kernel inside one recording window.
 *
 * @param id          the kernel id (from {@link Kernel#id()} or the kernels config)
 * @param backend     the backend the kernel ran on
 * @param calls       calls that returned normally (for launch APIs: launches that reported success)
 * @param failedCalls calls that threw or reported an error code; never counted as executed
 * @param nanos       total wall time inside the kernel, or {@code -1} when timing was off
 * @param requires    the CPU features the kernel declares it needs ({@link Kernel#requires()} or the kernels config's
 *                    {@code "requires"}), lower case, sorted, without duplicates; empty when it declares none
 */
public record KernelStats(String id, String backend, long calls, long failedCalls, long nanos, List<String> requires) {

    public KernelStats {
        requires = List.copyOf(requires);
    }

    /** Observations of a kernel that declares no CPU feature requirements. */
    public KernelStats(String id, String backend, long calls, long failedCalls, long nanos) {
        this(id, backend, calls, failedCalls, nanos, List.of());
    }

    /** Whether timing was on for this kernel. */
    public boolean timed() {
        return nanos >= 0;
    }
}
