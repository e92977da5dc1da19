package dev.honestcompute.parity;

import dev.honestcompute.parity.reference.EngineIdentity;

import java.util.List;

/**
 * Who ran, how long it took, and which kernels the recorder saw it run, for one side of a {@link ParityRecord}.
 *
 * @param engine      the engine's identity
 * @param nanos       wall time of {@link ParityEngine#run}, in nanoseconds
 * @param kernelCalls kernel calls the recorder observed while it ran (its own recording window), or {@code -1} when
 *                    the recorder was not active
 * @param kernels     those kernels, as {@code "id backend calls"}, sorted
 */
public record EngineRun(EngineIdentity engine, long nanos, long kernelCalls, List<String> kernels) {

    public EngineRun {
        kernels = kernels == null ? List.of() : List.copyOf(kernels);
    }

    /** A run observed without the recorder (replays of logged records, tests of the harness itself). */
    public EngineRun(EngineIdentity engine, long nanos) {
        this(engine, nanos, -1, List.of());
    }
}
