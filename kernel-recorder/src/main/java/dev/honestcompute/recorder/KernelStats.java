package dev.honestcompute.recorder;

/**
 * What the recorder observed for one kernel inside one recording window.
 *
 * @param id          the kernel id (from {@link Kernel#id()} or the kernels config)
 * @param backend     the backend the kernel ran on
 * @param calls       calls that returned normally (for launch APIs: launches that reported success)
 * @param failedCalls calls that threw or reported an error code; never counted as executed
 * @param nanos       total wall time inside the kernel, or {@code -1} when timing was off
 */
public record KernelStats(String id, String backend, long calls, long failedCalls, long nanos) {

    /** Whether timing was on for this kernel. */
    public boolean timed() {
        return nanos >= 0;
    }
}
