package dev.honestcompute.recorder.it;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.honestcompute.recorder.EngineFact;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import dev.honestcompute.recorder.evidence.jlama.JlamaHooks;
import dev.honestcompute.recorder.evidence.llamacpp.LlamaCppHooks;
import dev.honestcompute.recorder.evidence.onnx.OnnxRuntimeHooks;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's probes on the real engines (ONNX Runtime 1.29, de.kherud llama.cpp 4.2.0), end to end: nothing in
 * this test calls an evidence hook; the engines' own probed methods do, and the window holds what the engines' own
 * profiler and log showed. Calling a hook from test code is refused and recorded as a forgery.
 */
class EngineProbesIT {

    /** The shipped fixtures of this repository, found from the working directory (the module or its target/). */
    static final Path FIXTURES = fixtures();
    static final Path ONNX = FIXTURES.resolve("tiny-block/tiny-block.onnx");
    static final Path GGUF = FIXTURES.resolve("tiny-llama/gguf/tiny-llama-f32.gguf");

    private static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("fixtures/models");
            if (java.nio.file.Files.isDirectory(candidate.resolve("tiny-block"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixtures/models/tiny-block not found above " + Path.of("").toAbsolutePath());
    }

    private static float[][] run(OrtSession session) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1, 17, 42}), new long[] {3});
             OrtSession.Result result = session.run(Map.of("tokens", t))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static long ortCalls(KernelObservations seen) {
        return seen.kernels().stream().filter(k -> k.id().startsWith("ort.")).mapToLong(KernelStats::calls).sum();
    }

    @Test
    void anOrtSessionCreatedInAWindowReportsItsNodesFromOnnxRuntimesOwnProfile() throws Exception {
        assertThat(RecorderAgent.isInstalled()).isTrue();
        KernelWindow w = KernelRecorder.window("ort-probed").production(true).requestedBackend("cpu").open();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(ONNX.toString(), options)) {
            run(session);
            run(session);
        } finally {
            w.close();
        }
        KernelObservations seen = w.observations();
        assertThat(seen.kernels()).as(seen.unavailableEvidence().toString())
                .filteredOn(k -> k.id().equals("ort.MatMul")).singleElement().satisfies(k -> {
                    assertThat(k.backend()).isEqualTo("cpu");
                    assertThat(k.calls()).isEqualTo(12); // 6 MatMul nodes per run, 2 runs
                    assertThat(k.source()).isEqualTo("onnxruntime-profiler");
                });
        assertThat(seen.forgeries()).isEmpty();
    }

    /** A parity harness runs the engine in a window nested in the test's: the session's runs still count. */
    @Test
    void runsFromANestedWindowAndAPoolThreadCountForTheWindowThatCreatedTheSession() throws Exception {
        KernelWindow test = KernelRecorder.window("ort-owner").production(true).open();
        ExecutorService pool = Executors.newSingleThreadExecutor(); // the agent carries the context to its thread
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(ONNX.toString(), options)) {
            KernelWindow engine = KernelRecorder.window("parity:engine:p0").open();
            try {
                run(session);
                pool.submit(() -> run(session)).get();
            } finally {
                engine.close();
            }
        } finally {
            pool.shutdown();
            test.close();
        }
        assertThat(test.observations().unavailableEvidence()).isEmpty();
        assertThat(ortCalls(test.observations())).isEqualTo(2 * 17); // 17 nodes per run of the tiny block
    }

    @Test
    void aLlamaCppModelLoadedInAWindowStatesItsDevicesFromLlamaCppsOwnLog() {
        KernelWindow w = KernelRecorder.window("llama-probed").production(true).open();
        try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(GGUF.toString()).setCtxSize(64)
                .setThreads(1).skipWarmup())) {
            assertThat(model).isNotNull();
        } finally {
            w.close();
        }
        assertThat(w.observations().engineFacts()).extracting(EngineFact::name)
                .as(w.observations().unavailableEvidence().toString()).anyMatch(n -> n.startsWith("llamacpp."));
        assertThat(w.observations().engineFacts()).allSatisfy(f -> assertThat(f.source()).isEqualTo("llamacpp-log"));
        assertThat(w.observations().forgeries()).isEmpty();
    }

    /** A test that calls a hook to claim what the engine never said gets a forgery, not a fact. */
    @Test
    void aHookCalledByTestCodeIsRefusedAndRecordedAsAForgery() throws Exception {
        KernelWindow w = KernelRecorder.window("calls-hooks").production(true).open();
        try {
            JlamaHooks.providerChosen("NativeSimdTensorOperations");
            LlamaCppHooks.modelLoaded(new Object(), new Object());
            Method m = OnnxRuntimeHooks.class.getMethod("sessionCreated", Object.class, Object.class);
            m.invoke(null, new Object(), new Object());
        } finally {
            w.close();
        }
        KernelObservations seen = w.observations();
        assertThat(seen.engineFacts()).isEmpty();
        assertThat(seen.kernels()).isEmpty();
        assertThat(seen.forgeries()).hasSize(3).allSatisfy(f -> assertThat(f)
                .contains(EngineProbesIT.class.getName(), "engine hook", "called only by the probes"));
        assertThat(String.join("\n", seen.forgeries())).contains("JlamaHooks.providerChosen",
                "LlamaCppHooks.modelLoaded", "OnnxRuntimeHooks.sessionCreated");
    }

    /** The failure probes (catch-all handlers the agent adds) rethrow the engine's own exception, unchanged. */
    @Test
    void anEngineThatThrowsThrowsItsOwnExceptionThroughTheProbes() throws Exception {
        KernelWindow w = KernelRecorder.window("engine-throws").production(true).open();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            Path missing = FIXTURES.resolve("no-such-model.onnx");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrtEnvironment.getEnvironment()
                    .createSession(missing.toString(), options)).isInstanceOf(OrtException.class)
                    .hasMessageContaining("no-such-model.onnx");
            // the same options still make a working session: the failure hook gave them back as they were
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(ONNX.toString(), options)) {
                assertThat(run(session)).hasDimensions(3, 64);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LlamaModel(new ModelParameters()
                    .setModel(missing.toString()))).isInstanceOf(RuntimeException.class)
                    .matches(e -> e.getClass().getName().equals("de.kherud.llama.LlamaException"), "llama's own exception");
        } finally {
            w.close();
        }
        assertThat(w.observations().forgeries()).isEmpty();
        assertThat(ortCalls(w.observations())).isEqualTo(17);
    }
}
