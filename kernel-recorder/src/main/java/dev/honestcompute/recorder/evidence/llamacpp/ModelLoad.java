package dev.honestcompute.recorder.evidence.llamacpp;

/**
 * One llama.cpp model load as the integration saw it: which model, how many GPU layers the caller asked for, in which
 * window (if any) it happened, and what its log says, or why there is no usable log.
 *
 * @param number             a sequence number for messages ("load #3")
 * @param model              the model file's name, e.g. {@code tiny-llama-f32.gguf}
 * @param requestedGpuLayers the {@code --gpu-layers} value of the caller's {@code ModelParameters}, or null if unset
 * @param window             the window the load happened in, or null
 * @param log                the parsed load log, or null when {@code problem} says why there is none
 * @param problem            why the load's evidence is unusable, or null
 */
record ModelLoad(long number, String model, String requestedGpuLayers, LlamaCppWindow window, LoadLog log,
                 String problem) {

    /** A model first seen when it was used: loaded before the recorder hooked llama.cpp. */
    static ModelLoad unseen(long number) {
        return new ModelLoad(number, "a model", null, null, null, "the model was loaded before the recorder agent"
                + " hooked llama.cpp (de.kherud.llama.LlamaModel's constructor), so its load log was not captured");
    }

    /** The requested GPU layers as a number; -1 when unset or not a number. */
    int requestedLayers() {
        try {
            return requestedGpuLayers == null ? -1 : Integer.parseInt(requestedGpuLayers.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "load #" + number + " of " + model;
    }
}
