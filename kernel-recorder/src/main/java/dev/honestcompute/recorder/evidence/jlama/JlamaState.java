package dev.honestcompute.recorder.evidence.jlama;

import dev.honestcompute.recorder.evidence.internal.OpenWindows;
import dev.honestcompute.recorder.evidence.internal.Reflection;

/**
 * Which tensor-operations provider Jlama chose in this JVM (it chooses once), and which windows Jlama ran in, driven
 * by {@link JlamaHooks}.
 */
final class JlamaState {

    static final JlamaState INSTANCE = new JlamaState();
    static final String PROVIDER_CLASS = "com.github.tjake.jlama.tensor.operations.TensorOperationsProvider";
    static final String FORCE_PANAMA = "jlama.force_panama_tensor_operations";

    final OpenWindows<JlamaWindow> windows = new OpenWindows<>();
    private volatile Object chosen;

    void providerChosen(Object operations) {
        if (operations != null) {
            chosen = operations;
        }
        ran();
    }

    /** Jlama computed on this thread (a model forward pass): its provider counts as evidence of the window. */
    void ran() {
        JlamaWindow window = windows.attributable();
        if (window != null) {
            window.ran();
        }
    }

    /**
     * The provider Jlama chose, as the hook saw it; else read from {@code TensorOperationsProvider.get()} through the
     * context class loader (which makes Jlama choose now if it had not yet: only asked for windows that ran Jlama or
     * require a provider).
     *
     * @throws Exception when Jlama is not on the class path or its provider cannot be read
     */
    Object provider() throws Exception {
        Object known = chosen;
        if (known != null) {
            return known;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return Reflection.callStatic(loader != null ? loader : JlamaState.class.getClassLoader(), PROVIDER_CLASS,
                "get");
    }
}
