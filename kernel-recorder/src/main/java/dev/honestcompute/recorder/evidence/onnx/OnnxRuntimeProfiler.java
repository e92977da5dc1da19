package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.EvidenceKind;
import dev.honestcompute.recorder.evidence.EvidenceSource;

/**
 * Evidence from ONNX Runtime's own session profiler ({@code com.microsoft.onnxruntime:onnxruntime}): every node that
 * ran, with the execution provider that ran it, as kernels {@code ort.<op>} on {@code cpu} ({@code
 * CPUExecutionProvider}), {@code cuda} ({@code CUDAExecutionProvider}), ...; calls are node executions.
 *
 * <p>Sessions are profiled by the recorder agent's hooks ({@link OnnxRuntimeHooks}): a session created inside a
 * recording window is created with profiling on, into a directory the integration creates, and its profile is read
 * (and deleted) when the window closes or the session is closed. A session created outside a window, created with
 * the caller's own profiling, or used by a later window, is reported as unavailable evidence with the reason, never
 * silently left out. A test that requested a GPU backend ({@code @EmitsReceipt(backend = "cuda")}) whose nodes ran
 * elsewhere gets a fallback ({@code ORT_ALL_NODES_FELL_BACK} or {@code ORT_SOME_NODES_FELL_BACK}) naming them.
 *
 * <pre>{@code
 * @Test
 * @EmitsReceipt(backend = "cpu")
 * void blockRunsOnTheCpuProvider(Path onnx) throws Exception {
 *     try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
 *         session.run(inputs);                 // receipt: ort.MatMul on cpu (CPUExecutionProvider), ...
 *     }
 * }
 * }</pre>
 */
public final class OnnxRuntimeProfiler implements EvidenceSource {

    /** The source name receipts carry. */
    public static final String NAME = "onnxruntime-profiler";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.PROFILER;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Capture open(Window window) {
        OrtSessions sessions = OrtSessions.INSTANCE;
        return sessions.windows.watch(new OrtWindow(window), (w, sink) -> w.report(sink, sessions.directory));
    }
}
