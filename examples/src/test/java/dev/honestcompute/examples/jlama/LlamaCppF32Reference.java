package dev.honestcompute.examples.jlama;

import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.lock.ModelLockfile;
import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.reference.LlamaCppReference;

import java.nio.file.Path;

/**
 * A {@code @ParityWith} reference: llama.cpp ({@code de.kherud:llama}, CPU, F32 KV cache) on the verified F32 GGUF of
 * the tiny llama — its logits of every input position and its greedy ids after the input.
 */
public final class LlamaCppF32Reference implements ParityReference {
    @Override
    public ParityEngine open(ParityContext context) throws Exception {
        ModelLockfile lock = ModelLockfile.read(Path.of("models.lock.json"));
        Path gguf = ModelCache.fromEnvironment().resolve(lock.model("tiny-llama-gguf-f32").orElseThrow(),
                lock.source()).file("tiny-llama-f32.gguf");
        return LlamaCppGreedyIds.parityEngine(LlamaCppReference.open(gguf));
    }
}
