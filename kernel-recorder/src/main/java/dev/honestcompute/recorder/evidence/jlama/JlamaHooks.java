package dev.honestcompute.recorder.evidence.jlama;

import dev.honestcompute.recorder.internal.EngineHookGuard;

/**
 * What the recorder agent calls from Jlama 0.8.4 ({@code com.github.tjake.jlama}). Arguments are the engine's objects
 * as {@code Object}; no method throws into the engine.
 *
 * <table>
 *   <caption>hooks</caption>
 *   <tr><th>class</th><th>method</th><th>when</th><th>hook</th></tr>
 *   <tr><td>{@code com.github.tjake.jlama.tensor.operations.TensorOperationsProvider}</td>
 *       <td>{@code pickFastestImplementation()Lcom/github/tjake/jlama/tensor/operations/TensorOperations;} (private,
 *       runs once per JVM)</td><td>exit returned</td><td>{@link #providerChosen}(returned value)</td></tr>
 *   <tr><td>{@code com.github.tjake.jlama.model.AbstractModel}</td>
 *       <td>{@code forward(Lcom/github/tjake/jlama/tensor/AbstractTensor;ILcom/github/tjake/jlama/tensor/KvBufferCache$KvBuffer;Ljava/util/Optional;)Lcom/github/tjake/jlama/tensor/AbstractTensor;}
 *       and {@code batchForward([IILcom/github/tjake/jlama/tensor/KvBufferCache$KvBuffer;Ljava/util/Optional;)Lcom/github/tjake/jlama/tensor/AbstractTensor;}</td>
 *       <td>entry</td><td>{@link #modelRan}()</td></tr>
 * </table>
 */
public final class JlamaHooks {

    private JlamaHooks() {
    }

    /** Jlama chose its tensor-operations provider. */
    public static void providerChosen(Object tensorOperations) {
        if (EngineHookGuard.calledByProbe("JlamaHooks.providerChosen")) {
            providerChosenDirect(tensorOperations);
        }
    }

    /** {@link #providerChosen} without the caller check, for this package's tests. */
    static void providerChosenDirect(Object tensorOperations) {
        try {
            JlamaState.INSTANCE.providerChosen(tensorOperations);
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }

    /** A Jlama model runs a forward pass on this thread. */
    public static void modelRan() {
        if (EngineHookGuard.engineRan("JlamaHooks.modelRan")) {
            modelRanDirect();
        }
    }

    /** {@link #modelRan} without the caller check, for this package's tests. */
    static void modelRanDirect() {
        try {
            JlamaState.INSTANCE.ran();
        } catch (RuntimeException | LinkageError e) {
            // never break the engine
        }
    }
}
