package dev.honestcompute.recorder.evidence.jlama;

import dev.honestcompute.recorder.evidence.EvidenceKind;
import dev.honestcompute.recorder.evidence.EvidenceSource;

/**
 * Evidence from Jlama's runtime state ({@code com.github.tjake:jlama-core}, JDK 21+): the tensor-operations provider
 * Jlama chose ({@code NativeSimdTensorOperations}, {@code PanamaTensorOperations} or {@code NaiveTensorOperations}),
 * as the fact {@code jlama.tensor_operations} of every window in which Jlama ran; and, for a test annotated
 * {@link RequiresJlamaProvider}, a fallback when Jlama chose another provider. Jlama's kernels themselves are
 * observed by the agent's instrumentation (the built-in kernels config), not by this source.
 */
public final class JlamaProviderSource implements EvidenceSource {

    /** The source name receipts carry. */
    public static final String NAME = "jlama-provider";

    private final JlamaState state;

    /** The instance ServiceLoader makes: the JVM's one Jlama state, fed by {@link JlamaHooks}. */
    public JlamaProviderSource() {
        this(JlamaState.INSTANCE);
    }

    JlamaProviderSource(JlamaState state) {
        this.state = state;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.ENGINE_STATE;
    }

    @Override
    public int priority() {
        return 80;
    }

    @Override
    public Capture open(Window window) {
        return state.windows.watch(new JlamaWindow(window, state), JlamaWindow::report);
    }
}
