package dev.honestcompute.recorder;

/**
 * An honest downgrade reported by an engine: it was asked for {@code requested} and ran on {@code effective}.
 *
 * @param requested  the backend the caller asked for, e.g. {@code "cuda"}
 * @param effective  the backend that really ran, e.g. {@code "cpu-simd"}
 * @param reasonCode a stable machine-readable reason, e.g. {@code "CUDA_DRIVER_MISSING"}
 * @param detail     free text for people, may be empty
 */
public record Fallback(String requested, String effective, String reasonCode, String detail) {
}
