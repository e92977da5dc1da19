package dev.honestcompute.recorder.evidence.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX Runtime calls made the way the recorder agent's transformer makes them hooked ({@link OnnxRuntimeHooks}'s
 * table): the hook at entry, the real ORT call, the hook at exit. The tiny model is the shipped fixture
 * {@code fixtures/models/tiny-block/tiny-block.onnx} (token ids in, logits out).
 */
final class HookedOrt {

    static final Path MODEL = Path.of("../fixtures/models/tiny-block/tiny-block.onnx");
    /** Nodes ONNX Runtime 1.29 runs per call of the tiny block after its graph fusions, by operator. */
    static final Map<String, Integer> NODES_PER_RUN = Map.ofEntries(Map.entry("ort.Gather", 1),
            Map.entry("ort.MatMul", 6), Map.entry("ort.FusedMatMul", 1), Map.entry("ort.Shape", 1),
            Map.entry("ort.Concat", 1), Map.entry("ort.Slice", 1), Map.entry("ort.Add", 3),
            Map.entry("ort.Softmax", 1), Map.entry("ort.FusedGemm", 1), Map.entry("ort.Gemm", 1));

    private HookedOrt() {
    }

    static OrtEnvironment env() {
        return OrtEnvironment.getEnvironment();
    }

    static OrtSession create(OrtSession.SessionOptions options) throws OrtException {
        OnnxRuntimeHooks.beforeCreateSessionDirect(options);
        OrtSession session;
        try {
            session = env().createSession(MODEL.toString(), options);
        } catch (OrtException | RuntimeException e) {
            OnnxRuntimeHooks.sessionCreationFailedDirect(options);
            throw e;
        }
        OnnxRuntimeHooks.sessionCreatedDirect(options, session);
        return session;
    }

    static float[][] run(OrtSession session, long... tokens) throws OrtException {
        OnnxRuntimeHooks.beforeRunDirect(session);
        try (OnnxTensor t = OnnxTensor.createTensor(env(), LongBuffer.wrap(tokens), new long[] {tokens.length});
             OrtSession.Result result = session.run(Map.of("tokens", t))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    static void close(OrtSession session) throws OrtException {
        OnnxRuntimeHooks.beforeCloseDirect(session);
        session.close();
    }

    static void enableProfiling(OrtSession.SessionOptions options, String path) throws OrtException {
        OnnxRuntimeHooks.callerEnablesProfilingDirect(options);
        options.enableProfiling(path);
    }
}
