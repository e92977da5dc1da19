package dev.honestcompute.parity.reference;

import java.util.Set;

/**
 * An engine whose outputs serve as the reference for parity: identity, tokenization, greedy generation with
 * per-token probabilities, and per-position logits where supported. Each result carries its wall time.
 *
 * <pre>{@code
 * try (ReferenceEngine llama = LlamaServerClient.llamaCpp(URI.create("http://127.0.0.1:8080")).build()) {
 *     int[] prompt = llama.tokenize("Hello").tokens();
 *     Generation g = llama.generateGreedy(prompt, 16, 5);
 * }
 * }</pre>
 *
 * <p>Implementations: {@link InProcessReference} (plain Java in this JVM, e.g. a scalar path as reference for a
 * SIMD one), {@link LlamaCppReference} (llama.cpp in-process through {@code de.kherud:llama}),
 * {@link LlamaServerClient} (llama.cpp server or OpenAI API over HTTP) and {@link LlamaServerContainer} (a
 * llama.cpp server image via Testcontainers). Each declares what it supports in {@link #capabilities()}; calls
 * outside them throw {@link UnsupportedCapabilityException}.
 */
public interface ReferenceEngine extends AutoCloseable {

    /** Engine name, version and model, as written into receipts. */
    EngineIdentity identity();

    /** What this engine can answer. */
    Set<Capability> capabilities();

    /** Token ids of {@code text}, special tokens (BOS) added as the engine's tokenizer config says. */
    Tokenization tokenize(String text);

    /** Greedy generation of up to {@code maxTokens} tokens after a tokenized prompt, with top-n probabilities. */
    Generation generateGreedy(int[] promptTokens, int maxTokens, int topProbabilities);

    /** Greedy generation after a text prompt. */
    Generation generateGreedy(String prompt, int maxTokens, int topProbabilities);

    /**
     * Logits of every position of {@code tokens} ({@code [positions][vocab]}), for ΔNLL and element-wise parity.
     * Not every engine can give them; the default reports that.
     */
    default float[][] logits(int[] tokens) {
        throw new UnsupportedCapabilityException(Capability.FULL_LOGITS,
                identity().name() + " does not expose per-position logits");
    }

    /** Releases the engine (a container, a native model). */
    @Override
    default void close() {}
}
