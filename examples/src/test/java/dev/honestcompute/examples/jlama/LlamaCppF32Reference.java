package dev.honestcompute.examples.jlama;

import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.reference.LlamaCppReference;

import java.nio.file.Path;

/**
 * A {@code @ParityWith} reference: llama.cpp ({@code de.kherud:llama}, CPU, F32 KV cache) on the test's verified F32 GGUF of
 * the tiny llama (the test must declare {@code @RequiresModel("tiny-llama-gguf-f32")}) — its logits of every input position and its greedy ids after the input.
 */
public final class LlamaCppF32Reference implements ParityReference {
    @Override
    public ParityEngine open(ParityContext context) throws Exception {
        // the test's own @RequiresModel("tiny-llama-gguf-f32") fixture, verified once
        Path gguf = context.model("tiny-llama-gguf-f32").file("tiny-llama-f32.gguf");
        return LlamaCppGreedyIds.parityEngine(LlamaCppReference.open(gguf));
    }
}
