package dev.honestcompute.recorder.evidence.llamacpp;

import dev.honestcompute.recorder.evidence.RecordingSink;
import dev.honestcompute.recorder.evidence.TestWindow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer placement from load logs of GPU builds, which cannot run on these machines: the lines are the ones
 * llama.cpp's load_tensors prints (format strings of src/llama-model.cpp), fed to the real parser.
 */
class LlamaCppWindowTest {

    private static final String CUDA_LOG = """
            build: 4916 (c6af2161) with gcc 12 for x86_64-linux-gnu
            system_info: n_threads = 8 (n_threads_batch = 8) / 16 | CUDA : ARCHS = 890 | CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 0 |\s
            load_tensors: layer   0 assigned to device CUDA0, is_swa = 0
            load_tensors: layer   1 assigned to device CUDA0, is_swa = 0
            load_tensors: layer   2 assigned to device %s, is_swa = 0
            load_tensors: offloading 2 repeating layers to GPU
            load_tensors: offloaded %s layers to GPU
            load_tensors:        CUDA0 model buffer size =     0.40 MiB
            load_tensors:   CPU_Mapped model buffer size =     0.07 MiB
            init:      CUDA0 KV buffer size =     0.02 MiB
            llama_context:      CUDA0 compute buffer size =     0.14 MiB
            Java_de_kherud_llama_LlamaModel_loadModel: model loaded
            """;

    private static RecordingSink report(String requested, String gpuLayers, String log) {
        LlamaCppWindow window = new LlamaCppWindow(TestWindow.requesting("LlamaWindowTest", requested));
        window.loaded(new ModelLoad(7, "m.gguf", gpuLayers, window, LoadLogParser.parse(log), null));
        RecordingSink sink = new RecordingSink();
        window.report(sink);
        return sink;
    }

    @Test
    void everyLayerOnTheRequestedGpuIsNoFallback() {
        RecordingSink sink = report("cuda", "99", CUDA_LOG.formatted("CUDA0", "3/3"));
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.fact("llamacpp.layer_devices")).isEqualTo("m.gguf: layers 0-2 on CUDA0");
        assertThat(sink.fact("llamacpp.offloaded_layers")).isEqualTo("m.gguf: 3/3");
        assertThat(sink.fact("llamacpp.cpu_features")).isEqualTo("m.gguf: SSE3 AVX2");
        assertThat(sink.fact("llamacpp.buffers")).isEqualTo("m.gguf: CUDA0 model 0.40 MiB, CPU_Mapped model 0.07 MiB,"
                + " CUDA0 KV 0.02 MiB, CUDA0 compute 0.14 MiB");
    }

    @Test
    void aLayerLeftOnTheCpuIsAPartialOffload() {
        RecordingSink sink = report("cuda", "99", CUDA_LOG.formatted("CPU", "2/3"));
        assertThat(sink.fallbacks).containsExactly(new RecordingSink.Fallback("cuda", "cpu",
                LlamaCppWindow.PARTIAL_OFFLOAD, "load #7 of m.gguf: --gpu-layers 99 with backend cuda requested, but"
                        + " llama.cpp offloaded 2/3 layers (layers 0-1 on CUDA0, layer 2 on CPU)"));
    }

    @Test
    void fewerLayersAskedForAreNoFallbackWhenAllOfThemWent() {
        RecordingSink sink = report("", "2", CUDA_LOG.formatted("CPU", "2/3"));
        assertThat(sink.fallbacks).isEmpty();
    }

    @Test
    void layersOnAnotherGpuBackendThanTheRequestedOneAreAFallback() {
        RecordingSink sink = report("cuda", "99", CUDA_LOG.replace("CUDA0", "Vulkan0").formatted("Vulkan0", "3/3"));
        assertThat(sink.fallbacks).singleElement().satisfies(f -> {
            assertThat(f.effective()).isEqualTo("vulkan");
            assertThat(f.reasonCode()).isEqualTo(LlamaCppWindow.OTHER_GPU_BACKEND);
        });
    }

    @Test
    void aLogWithoutPlacementLinesSaysSoInsteadOfGuessing() {
        RecordingSink sink = report("cuda", "99", "build: 1 (x)\nJava_de_kherud_llama_LlamaModel_loadModel: model"
                + " loaded\n");
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .isEqualTo("load #7 of m.gguf: its log has neither 'layer N assigned to device' nor 'offloaded N/M"
                        + " layers to GPU' lines, so where its layers went is unknown"));
    }

    @Test
    void onlyTheOffloadLineIsStillEvidence() {
        RecordingSink sink = report("cuda", "99", "load_tensors: offloaded 0/3 layers to GPU\n");
        assertThat(sink.fallbacks).singleElement().satisfies(f -> assertThat(f.detail())
                .endsWith("offloaded 0/3 layers (llama.cpp logged 'offloaded 0/3 layers to GPU')"));
    }
}
