package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.examples.jlama.LlamaCppF32Reference;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityRecord;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.parity.reference.EngineIdentity;
import dev.honestcompute.parity.reference.LlamaCppReference;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ParityWith}: this project's engine (Vector API backend, F32 GGUF) against llama.cpp ({@code de.kherud:llama},
 * CPU, F32 KV cache) on the same file: logits of every prompt position under the {@code llama.cpp-default} profile
 * (see JlamaVsLlamaCppParityTest for why not {@code fp32}) and identical greedy tokens. The receipt lists the
 * engine's observed SIMD kernels and carries the parity verdict with both engines' identities.
 */
class EngineVsLlamaCppReceiptTest {

    static final String PROMPT = "The quick brown fox jumps over";
    static final int NEW_TOKENS = 16;
    /** BOS of the generated tiny llama (tokenizer_config / GGUF metadata); llama.cpp prepends it itself. */
    static final int BOS = 1;

    @Test
    @RequiresModel("tiny-llama-gguf-f32")
    @EmitsReceipt(backend = "cpu-simd")
    @ParityWith(reference = LlamaCppF32Reference.class, profile = "llama.cpp-default")
    void simdEngineMatchesLlamaCppOnTheSameGguf(Path gguf, ParityCheck parity) throws Exception {
        int[] prompt;
        try (LlamaCppReference llama = LlamaCppReference.open(gguf)) {
            prompt = llama.tokenize(PROMPT).tokens();
        }
        LlamaEngine engine = new LlamaEngine(LlamaModel.loadGguf(gguf), ComputeBackend.simd());
        ParityEngine ours = ParityEngine.of(new EngineIdentity("example-llama", "0.1.0", "Vector API backend, " + gguf),
                in -> {
                    int[] fed = withBos(in.tokens());
                    float[][] all = ScalarF32Reference.logits(engine, fed);
                    // llama.cpp's row i is the distribution after BOS + tokens[0..i]: drop the row after BOS alone
                    float[][] rows = Arrays.copyOfRange(all, 1, all.length);
                    int[] generated = in.maxNewTokens() > 0 ? engine.generate(fed, in.maxNewTokens()) : null;
                    return new EngineOutput(rows, generated);
                });

        ParityRecord record = parity.check(new ParityInput("fox", prompt, NEW_TOKENS), ours);

        System.out.println("[engine vs llama.cpp] " + record.verdict());
        assertThat(record.verdict().passed()).isTrue();
    }

    private static int[] withBos(int[] tokens) {
        int[] out = new int[tokens.length + 1];
        out[0] = BOS;
        System.arraycopy(tokens, 0, out, 1, tokens.length);
        return out;
    }
}
