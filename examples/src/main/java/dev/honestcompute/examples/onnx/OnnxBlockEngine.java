package dev.honestcompute.examples.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tiny ONNX block ({@code tiny-onnx-block}: token ids in, logits out) on ONNX Runtime.
 *
 * <p>{@link Provider#CUDA_OR_CPU} does what many engines do: it asks for the CUDA execution provider and, when
 * {@code addCUDA} throws (no CUDA provider library, no driver), carries on with the CPU provider without saying so,
 * exactly like ONNX Runtime places nodes its CUDA provider cannot run on the CPU provider. Only the evidence of
 * what ran, ORT's session profile, can tell.
 *
 * <pre>{@code
 * try (OnnxBlockEngine engine = OnnxBlockEngine.open(model, OnnxBlockEngine.Provider.CPU)) {
 *     float[][] logits = engine.logits(new int[] {1, 5, 7});   // [position][vocab]
 * }
 * }</pre>
 */
public final class OnnxBlockEngine implements AutoCloseable {

    /** The graph's input and output names (fixtures' TinyBlockGenerator). */
    static final String INPUT = "tokens";

    /** Which execution provider the engine asks ONNX Runtime for. */
    public enum Provider {
        /** The CPU execution provider only. */
        CPU,
        /** CUDA if ONNX Runtime can add it, else silently the CPU provider. */
        CUDA_OR_CPU,
        /** CUDA, with ONNX Runtime's strict mode: no node may fall back to the CPU provider, and no CUDA is an error. */
        CUDA_STRICT
    }

    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    private OnnxBlockEngine(OrtSession.SessionOptions options, OrtSession session) {
        this.options = options;
        this.session = session;
    }

    /**
     * Opens a session on the ONNX file (ONNX Runtime's session is created here, so open the engine inside the test
     * whose receipt should show its nodes).
     *
     * @throws OrtException when ONNX Runtime cannot load the model, or {@link Provider#CUDA_STRICT} has no CUDA
     */
    public static OnnxBlockEngine open(Path model, Provider provider) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (provider == Provider.CUDA_STRICT) {
                options.addConfigEntry("session.disable_cpu_ep_fallback", "1");
                options.addCUDA();
            } else if (provider == Provider.CUDA_OR_CPU) {
                try {
                    options.addCUDA();
                } catch (OrtException noCuda) {
                    // the silent fallback: nodes go to the CPU provider
                }
            }
            return new OnnxBlockEngine(options, OrtEnvironment.getEnvironment().createSession(model.toString(),
                    options));
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** The logits after each of {@code tokens}: row {@code i} depends on {@code tokens[0..i]} only. */
    public float[][] logits(int[] tokens) throws OrtException {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        try (OnnxTensor input = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), LongBuffer.wrap(ids),
                new long[] {ids.length});
             OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    @Override
    public void close() throws OrtException {
        try {
            session.close();
        } finally {
            options.close();
        }
    }
}
