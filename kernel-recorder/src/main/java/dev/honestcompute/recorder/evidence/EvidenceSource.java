package dev.honestcompute.recorder.evidence;

import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * A source of kernel evidence that Java-method instrumentation cannot see: an engine's own profiler (ONNX Runtime's
 * session profile), its log (llama.cpp's device and offload lines), its runtime state (which tensor-operations provider
 * Jlama chose), or a driver. Found with {@link java.util.ServiceLoader} ({@code META-INF/services/
 * dev.honestcompute.recorder.evidence.EvidenceSource}) and asked in descending {@link #priority()} order, in the
 * spirit of BlockHound's integrations.
 *
 * <p>For every recording window the recorder calls {@link #open} on the thread that opens the window; the returned
 * {@link Capture} is closed, on the same thread, when the window closes, and reports what it proved to the
 * {@link EvidenceSink}. Every observation a source reports is labelled in the receipt with {@link #name()} and its
 * {@link EvidenceKind}; the verifier decides how much each kind proves (see docs/threat-model.md).
 *
 * <pre>{@code
 * public final class MyEngineProfiler implements EvidenceSource {
 *     public String name() { return "myengine-profiler"; }
 *     public EvidenceKind kind() { return EvidenceKind.PROFILER; }
 *     public Capture open(Window window) {
 *         MyEngine.startProfiling();
 *         return sink -> MyEngine.stopProfiling().forEach(op -> sink.kernel(op.name(), op.device(), op.count(), 0, op.detail()));
 *     }
 * }
 * }</pre>
 */
public interface EvidenceSource {

    /** Stable, lower-case name written to receipts as the observation's source, e.g. {@code "onnxruntime-profiler"}. */
    String name();

    /** How this source observes. */
    EvidenceKind kind();

    /** Sources with a higher priority are opened first (and closed last). */
    default int priority() {
        return 0;
    }

    /**
     * Starts watching for one recording window.
     *
     * @return the capture to close when the window closes, or {@code null} when this source has nothing to watch
     *         (its engine is not on the class path, say); a source that <em>should</em> watch but cannot reports that
     *         through {@link EvidenceSink#unavailable} instead of returning {@code null}
     */
    Capture open(Window window);

    /** What a source is told about the window it watches. */
    interface Window {
        /** The window's owner, e.g. a test's unique id. */
        String owner();

        /** Whether the window is a production window (its receipt must be {@code real}). */
        boolean production();

        /**
         * The backend the test asked for ({@code @EmitsReceipt(backend = ...)}), e.g. {@code "cuda"}; empty when it
         * asked for none. A source that sees the engine run elsewhere reports a {@link EvidenceSink#fallback}.
         */
        default String requestedBackend() {
            return "";
        }

        /**
         * An annotation of the test the window records, on its method or else on its class (directly, inherited or as
         * a meta-annotation, as {@code @EmitsReceipt} is found), e.g. a source's own requirement annotation such as
         * {@code @RequiresJlamaProvider(NATIVE_SIMD)}; empty when the test has none or the window records no test.
         * Deliberately without a default: a window that silently ignored a test's stated requirement would let the
         * test pass without the evidence it asked for.
         */
        <A extends Annotation> Optional<A> annotation(Class<A> type);
    }

    /** Evidence collection for one window. */
    @FunctionalInterface
    interface Capture {
        /** Called once when the window closes, on the thread that closes it. */
        void close(EvidenceSink sink);
    }
}
