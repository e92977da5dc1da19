package dev.honestcompute.recorder;

import java.util.List;

/**
 * Everything one recording window observed. Produced only by the recorder; there is no public way to add a kernel.
 *
 * @param kernels             kernels that ran (or failed) inside the window, sorted by id
 * @param fallbacks           downgrades engines reported inside the window, in order
 * @param recorderActive      whether the recorder agent was installed and its canary seen while the window was open
 * @param unattributedCalls   kernel calls made while this window was open that could not be attributed to exactly
 *                            one window (parallel windows + engine-owned threads); reported, never guessed
 */
public record KernelObservations(
        List<KernelStats> kernels, List<Fallback> fallbacks, boolean recorderActive, long unattributedCalls) {

    public KernelObservations {
        kernels = List.copyOf(kernels);
        fallbacks = List.copyOf(fallbacks);
    }

    /** Whether any kernel call returned normally inside the window. */
    public boolean anyKernelRan() {
        return kernels.stream().anyMatch(k -> k.calls() > 0);
    }
}
