package dev.honestcompute.recorder.evidence.llamacpp;

import dev.honestcompute.recorder.internal.EngineHookGuard;

/**
 * What the recorder agent calls from {@code de.kherud.llama} (4.2.0) so that every model load's llama.cpp log is
 * captured. Arguments are the engine's objects as {@code Object}; no method throws into the engine.
 *
 * <table>
 *   <caption>hooks</caption>
 *   <tr><th>class</th><th>method</th><th>when</th><th>hook</th></tr>
 *   <tr><td>{@code de.kherud.llama.LlamaModel}</td><td>{@code <init>(Lde/kherud/llama/ModelParameters;)V}</td>
 *       <td>entry (before {@code parameters.toArray()}); exit returned; exit thrown</td>
 *       <td>{@link #beforeModelLoad}(arg 0); {@link #modelLoaded}(arg 0, this); {@link #modelLoadFailed}(arg 0)</td></tr>
 *   <tr><td>{@code de.kherud.llama.LlamaModel}</td>
 *       <td>{@code complete(Lde/kherud/llama/InferenceParameters;)Ljava/lang/String;} and
 *       {@code generate(Lde/kherud/llama/InferenceParameters;)Lde/kherud/llama/LlamaIterable;}</td>
 *       <td>entry</td><td>{@link #beforeInference}(this)</td></tr>
 * </table>
 *
 * <p>{@code encode} and {@code embed} are native methods and cannot be hooked: a model loaded before a window and used
 * there only through them is not seen by that window.
 */
public final class LlamaCppHooks {

    private LlamaCppHooks() {
    }

    /** Before a model loads: points llama.cpp's log file at the integration's directory. */
    public static void beforeModelLoad(Object modelParameters) {
        if (EngineHookGuard.calledByProbe("LlamaCppHooks.beforeModelLoad")) {
            beforeModelLoadDirect(modelParameters);
        }
    }

    /** {@link #beforeModelLoad} without the caller check, for this package's tests. */
    static void beforeModelLoadDirect(Object modelParameters) {
        try {
            ModelLoads.INSTANCE.beforeLoad(modelParameters);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** The model loaded: reads and deletes its log, gives the parameters back as they were. */
    public static void modelLoaded(Object modelParameters, Object model) {
        if (EngineHookGuard.calledByProbe("LlamaCppHooks.modelLoaded")) {
            modelLoadedDirect(modelParameters, model);
        }
    }

    /** {@link #modelLoaded} without the caller check, for this package's tests. */
    static void modelLoadedDirect(Object modelParameters, Object model) {
        try {
            ModelLoads.INSTANCE.loaded(modelParameters, model);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** The load threw: deletes its log, gives the parameters back as they were. */
    public static void modelLoadFailed(Object modelParameters) {
        if (EngineHookGuard.calledByProbe("LlamaCppHooks.modelLoadFailed")) {
            modelLoadFailedDirect(modelParameters);
        }
    }

    /** {@link #modelLoadFailed} without the caller check, for this package's tests. */
    static void modelLoadFailedDirect(Object modelParameters) {
        try {
            ModelLoads.INSTANCE.loadFailed(modelParameters);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** A model is about to generate: its load evidence counts in the window the call belongs to. */
    public static void beforeInference(Object model) {
        if (EngineHookGuard.engineRan("LlamaCppHooks.beforeInference")) {
            beforeInferenceDirect(model);
        }
    }

    /** {@link #beforeInference} without the caller check, for this package's tests. */
    static void beforeInferenceDirect(Object model) {
        try {
            ModelLoads.INSTANCE.beforeInference(model);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }
}
