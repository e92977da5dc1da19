package dev.honestcompute.parity;

import dev.honestcompute.parity.reference.EngineIdentity;

/**
 * Who ran and how long it took, for one side of a {@link ParityRecord}.
 *
 * @param engine the engine's identity
 * @param nanos  wall time of {@link ParityEngine#run}, in nanoseconds
 */
public record EngineRun(EngineIdentity engine, long nanos) {}
