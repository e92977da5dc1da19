package dev.honestcompute.parity;

/**
 * What a {@link ParityReference} knows about the test it opens an engine for.
 *
 * @param displayName the test's display name
 * @param uniqueId    the test's JUnit unique id
 * @param profile     the tolerance profile the test is held to
 */
public record ParityContext(String displayName, String uniqueId, ToleranceProfile profile) {}
