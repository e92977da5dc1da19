package dev.honestcompute.parity.reference;

/** What a {@link ReferenceEngine} can answer. Anything else is reported "not supported", never as passed. */
public enum Capability {
    /** {@link ReferenceEngine#tokenize(String)}. */
    TOKENIZE,
    /** Greedy generation returning token ids. */
    GREEDY_TOKEN_IDS,
    /** Greedy generation returning token pieces (text) only, as the OpenAI completions API does. */
    GREEDY_TOKEN_PIECES,
    /** Top-n log-probabilities for each generated token. */
    TOKEN_PROBABILITIES,
    /** Full per-position logits over the vocabulary ({@link ReferenceEngine#logits(int[])}). */
    FULL_LOGITS
}
