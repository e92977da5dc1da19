package dev.honestcompute.parity.reference;

/**
 * One candidate token at a generation step.
 *
 * @param token   token id, or null when the API gives pieces only (OpenAI completions)
 * @param piece   the token's text
 * @param logprob natural-log probability
 */
public record TokenCandidate(Integer token, String piece, double logprob) {}
