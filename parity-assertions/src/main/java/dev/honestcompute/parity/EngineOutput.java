package dev.honestcompute.parity;

/**
 * What one engine produced for a {@link ParityInput}. Either part may be absent (null) when the engine cannot
 * produce it; the gates that need it are then reported as not applicable, never as passed.
 *
 * <pre>{@code
 * return new EngineOutput(logitsPerPosition, greedyTokens);
 * }</pre>
 *
 * @param logits          {@code [position][vocab]}: row i is the distribution after {@code tokens[0..i]}; or null
 * @param generatedTokens greedy tokens generated after the input; or null
 */
public record EngineOutput(float[][] logits, int[] generatedTokens) {

    /** Logits only. */
    public static EngineOutput logits(float[][] logits) {
        return new EngineOutput(logits, null);
    }
}
