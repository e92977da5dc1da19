package dev.honestcompute.examples.engine;

import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The generated tiny llama (seed 42) shared by the engine tests, written once per JVM under target/. */
final class TinyModels {

    static final long SEED = 42;
    /** A prompt of learned tokens after BOS (ids from the generated vocabulary). */
    static final int[] PROMPT = {1, 300, 280, 317, 265, 330, 290};

    private static TinyLlamaGenerator.GeneratedModel tiny;

    private TinyModels() {
    }

    static synchronized TinyLlamaGenerator.GeneratedModel tiny() {
        if (tiny == null) {
            try {
                tiny = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(SEED), Path.of("target", "engine-tiny-llama-" + SEED));
            } catch (IOException e) {
                throw new UncheckedIOException("could not generate the tiny llama fixture under target/", e);
            }
        }
        return tiny;
    }

    static Path hf() {
        return tiny().hfDirectory();
    }

    static Path ggufF32() {
        return tiny().file(TinyLlamaGenerator.GGUF_F32);
    }

    static Path ggufQ8_0() {
        return tiny().file(TinyLlamaGenerator.GGUF_Q8_0);
    }

    /** Logits after each prompt token, from a fresh sequence. */
    static float[][] promptLogits(LlamaEngine engine, int[] prompt) {
        engine.reset();
        float[][] out = new float[prompt.length][];
        for (int i = 0; i < prompt.length; i++) {
            out[i] = engine.forward(prompt[i]);
        }
        return out;
    }
}
