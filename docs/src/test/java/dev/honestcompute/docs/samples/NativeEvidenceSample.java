package dev.honestcompute.docs.samples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.recorder.evidence.EvidenceKind;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.jlama.RequiresJlamaProvider;
import org.junit.jupiter.api.Test;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples of docs/native-evidence.md. The test cases are nested classes (compiled, not run here): they need the
 * engines' fixtures and, for their receipts to carry the evidence, the recorder's window glue; the examples module
 * runs their real counterparts. The one test here runs a custom source the way the recorder does.
 */
class NativeEvidenceSample {

    /** An engine with its own profiler: what it ran since {@code start()}, per operator and device. */
    static final class MyEngine {
        record Op(String name, String device, long count) {
        }

        private static List<Op> ran = List.of();

        static void start() {
            ran = List.of();
        }

        static void run() {
            ran = List.of(new Op("matmul", "cpu", 2));
        }

        static List<Op> stop() {
            return ran;
        }
    }

    // tag::custom-source[]
    /** Registered in META-INF/services/dev.honestcompute.recorder.evidence.EvidenceSource of the engine's jar. */
    public static final class MyEngineProfiler implements EvidenceSource {
        @Override
        public String name() {
            return "myengine-profiler";
        }

        @Override
        public EvidenceKind kind() {
            return EvidenceKind.PROFILER;
        }

        @Override
        public Capture open(Window window) {
            MyEngine.start();
            return sink -> MyEngine.stop().forEach(op ->
                    sink.kernel("myengine." + op.name(), op.device(), op.count(), 0, "MyEngine profiler"));
        }
    }
    // end::custom-source[]

    @Test
    void aCustomSourceReportsWhatItsEngineRan() {
        List<String> seen = new java.util.ArrayList<>();
        EvidenceSource.Capture capture = new MyEngineProfiler().open(new EvidenceSource.Window() {
            @Override
            public String owner() {
                return "NativeEvidenceSample#custom";
            }

            @Override
            public boolean production() {
                return true;
            }

            @Override
            public <A extends java.lang.annotation.Annotation> java.util.Optional<A> annotation(Class<A> type) {
                return java.util.Optional.empty();
            }
        });
        MyEngine.run();
        capture.close(new dev.honestcompute.recorder.evidence.EvidenceSink() {
            @Override
            public void kernel(String id, String backend, long calls, long failedCalls, String detail) {
                seen.add(id + " on " + backend + " x" + calls);
            }

            @Override
            public void fallback(String requested, String effective, String reasonCode, String detail) {
                seen.add("fallback " + reasonCode);
            }

            @Override
            public void fact(String name, String value) {
                seen.add(name + "=" + value);
            }

            @Override
            public void unavailable(String what, String why) {
                seen.add("unavailable " + what);
            }
        });
        assertThat(seen).containsExactly("myengine.matmul on cpu x2");
    }

    static final class OnnxRuntimeTestCases {
        // tag::onnxruntime[]
        @Test
        @RequiresModel("tiny-onnx-block")
        @EmitsReceipt(backend = "cpu")
        void blockRunsOnTheCpuProvider(Path onnx) throws Exception {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            // created inside the test: ONNX Runtime profiles a session only from its creation
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 OrtSession session = env.createSession(onnx.toString(), options);
                 OnnxTensor tokens = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1, 5, 7}),
                         new long[] {3})) {
                session.run(Map.of("tokens", tokens)).close();
            }
            // receipt: ort.MatMul, ort.Softmax, ... on cpu (CPUExecutionProvider), source onnxruntime-profiler
        }
        // end::onnxruntime[]
    }

    static final class LlamaCppTestCases {
        // tag::llamacpp[]
        @Test
        @RequiresModel("tiny-llama-gguf-f32")
        @EmitsReceipt(backend = "cuda")
        void offloadsEveryLayer(Path gguf) {
            try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setGpuLayers(99))) {
                model.complete(new InferenceParameters("hello").setNPredict(4));
            }
            // a CPU-only build: fallback cuda -> cpu, LLAMACPP_NO_LAYERS_OFFLOADED, "offloaded 0/3 layers": HC017
        }
        // end::llamacpp[]
    }

    static final class JlamaTestCases {
        // tag::jlama[]
        @Test
        @EmitsReceipt(backend = "cpu-simd")
        @RequiresJlamaProvider(RequiresJlamaProvider.Provider.NATIVE_SIMD)
        void generatesOnJlamasNativeKernels() {
            // load and run a Jlama model here; if Jlama chose the Panama Vector API instead (jlama-native missing,
            // or -Djlama.force_panama_tensor_operations=true), the receipt fails: JLAMA_NATIVE_SIMD_NOT_CHOSEN
        }
        // end::jlama[]
    }
}
