package dev.honestcompute.recorder;

/**
 * A fact an engine's own evidence stated about its configuration inside a window, reported by an evidence source:
 * e.g. {@code jlama.tensor_operations = PanamaTensorOperations}, {@code llamacpp.offloaded_layers = 0/3}. A fact
 * never counts as compute that ran.
 *
 * @param source     the evidence source's name, e.g. {@code "jlama-provider"}
 * @param name       lower case, prefixed by the engine
 * @param value      what the evidence says
 * @param unverified why the source is not trusted ({@code ""} when it is Honest Compute's own or trusted)
 */
public record EngineFact(String source, String name, String value, String unverified) {
}
