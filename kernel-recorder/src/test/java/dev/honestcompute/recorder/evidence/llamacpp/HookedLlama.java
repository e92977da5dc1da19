package dev.honestcompute.recorder.evidence.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;

import java.nio.file.Path;

/**
 * de.kherud llama.cpp calls made the way the recorder agent's transformer makes them hooked ({@link LlamaCppHooks}'s
 * table). The model is the shipped fixture {@code tiny-llama-gguf-f32} (lockfile of the examples), read in place.
 */
final class HookedLlama {

    static final Path GGUF = Path.of("../fixtures/models/tiny-llama/gguf/tiny-llama-f32.gguf");

    private HookedLlama() {
    }

    static ModelParameters parameters() {
        return new ModelParameters().setModel(GGUF.toString()).setCtxSize(64).setThreads(1).skipWarmup();
    }

    static LlamaModel load(ModelParameters parameters) {
        LlamaCppHooks.beforeModelLoadDirect(parameters);
        LlamaModel model;
        try {
            model = new LlamaModel(parameters);
        } catch (RuntimeException e) {
            LlamaCppHooks.modelLoadFailedDirect(parameters);
            throw e;
        }
        LlamaCppHooks.modelLoadedDirect(parameters, model);
        return model;
    }

    static String complete(LlamaModel model) {
        LlamaCppHooks.beforeInferenceDirect(model);
        return model.complete(new InferenceParameters("hello").setNPredict(2).setTemperature(0));
    }
}
