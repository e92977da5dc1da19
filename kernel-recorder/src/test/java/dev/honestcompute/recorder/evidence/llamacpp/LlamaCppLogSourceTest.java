package dev.honestcompute.recorder.evidence.llamacpp;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.RecordingSink;
import dev.honestcompute.recorder.evidence.TestWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The llama.cpp integration on the real CPU build inside de.kherud:llama:4.2.0 (llama.cpp b4916) and the shipped tiny
 * GGUF: what a load log proves, the GPU-layers fallback the CPU build produces, and every way a load's log can be out
 * of reach, reported as such.
 */
class LlamaCppLogSourceTest {

    private final LlamaCppLogSource source = new LlamaCppLogSource();

    private static RecordingSink close(EvidenceSource.Capture capture) {
        RecordingSink sink = new RecordingSink();
        capture.close(sink);
        return sink;
    }

    @Test
    void aLoadInTheWindowReportsWhereItsLayersWentAsFacts() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.requesting("LlamaTest#cpu", "cpu"));
        ModelParameters parameters = HookedLlama.parameters();
        try (LlamaModel model = HookedLlama.load(parameters)) {
            assertThat(HookedLlama.complete(model)).isNotNull();
        }
        RecordingSink sink = close(capture);

        assertThat(sink.unavailable).isEmpty();
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.kernels).as("a load log proves placement, not that kernels ran").isEmpty();
        assertThat(sink.fact("llamacpp.layer_devices")).isEqualTo("tiny-llama-f32.gguf: layers 0-2 on CPU");
        assertThat(sink.fact("llamacpp.offloaded_layers")).isEqualTo("tiny-llama-f32.gguf: 0/3");
        assertThat(sink.fact("llamacpp.build")).startsWith("tiny-llama-f32.gguf: 4916 (c6af2161)");
        assertThat(sink.fact("llamacpp.buffers")).startsWith("tiny-llama-f32.gguf: CPU_Mapped model ")
                .contains("CPU KV ", "CPU compute ");
        assertThat(sink.fact("llamacpp.cpu_features")).startsWith("tiny-llama-f32.gguf: ").contains("SSE3");
        assertThat(sink.fact("llamacpp.requested_gpu_layers")).isNull();
        assertThat(parameters.toString()).as("the caller's parameters are given back").doesNotContain("--log-file");
        try (Stream<Path> left = Files.list(ModelLoads.INSTANCE.directory.path())) {
            assertThat(left).as("the log is deleted once read").isEmpty();
        }
    }

    @Test
    void gpuLayersOnTheCpuBuildAreAFallbackForARequestedCudaBackend() {
        EvidenceSource.Capture capture = source.open(TestWindow.requesting("LlamaTest#cuda", "cuda"));
        try (LlamaModel model = HookedLlama.load(HookedLlama.parameters().setGpuLayers(99))) {
            HookedLlama.complete(model);
        }
        RecordingSink sink = close(capture);

        assertThat(sink.fallbacks).singleElement().satisfies(f -> {
            assertThat(f.requested()).isEqualTo("cuda");
            assertThat(f.effective()).isEqualTo("cpu");
            assertThat(f.reasonCode()).isEqualTo(LlamaCppWindow.NO_LAYERS_OFFLOADED);
            assertThat(f.detail()).matches("load #\\d+ of tiny-llama-f32.gguf: --gpu-layers 99 with backend cuda"
                    + " requested, but llama.cpp offloaded 0/3 layers \\(layers 0-2 on CPU\\)");
        });
        assertThat(sink.fact("llamacpp.requested_gpu_layers")).isEqualTo("tiny-llama-f32.gguf: 99");
    }

    @Test
    void gpuLayersAloneAreAFallbackFromGpu() {
        EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#layersOnly"));
        try (LlamaModel model = HookedLlama.load(HookedLlama.parameters().setGpuLayers(2))) {
            HookedLlama.complete(model);
        }
        RecordingSink sink = close(capture);
        assertThat(sink.fallbacks).singleElement().satisfies(f -> {
            assertThat(f.requested()).isEqualTo("gpu");
            assertThat(f.detail()).contains("--gpu-layers 2, but llama.cpp offloaded 0/3 layers");
        });
    }

    @Test
    void aModelLoadedBeforeTheWindowAndUsedInItCarriesItsLoadEvidence() {
        try (LlamaModel model = HookedLlama.load(HookedLlama.parameters())) {
            EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#usedLater"));
            HookedLlama.complete(model);
            RecordingSink sink = close(capture);
            assertThat(sink.unavailable).isEmpty();
            assertThat(sink.fact("llamacpp.layer_devices"))
                    .isEqualTo("tiny-llama-f32.gguf (loaded before this window): layers 0-2 on CPU");
        }
    }

    @Test
    void aLoadWithTheCallersOwnLogFileIsNotTakenOver(@TempDir Path dir) throws Exception {
        Path own = dir.resolve("mine.log");
        EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#ownLog"));
        try (LlamaModel model = HookedLlama.load(HookedLlama.parameters().setLogFile(own.toString()))) {
            HookedLlama.complete(model);
        }
        RecordingSink sink = close(capture);
        assertThat(sink.facts).isEmpty();
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .contains("the load wrote its log to the caller's own file (ModelParameters.setLogFile(" + own + "))"));
        assertThat(own).as("the caller's file is untouched").exists();
    }

    @Test
    void aLoadWithLoggingDisabledHasNothingToRead() {
        EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#noLog"));
        try (LlamaModel model = HookedLlama.load(HookedLlama.parameters().disableLog())) {
            HookedLlama.complete(model);
        }
        RecordingSink sink = close(capture);
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .endsWith("the load ran with ModelParameters.disableLog(), so llama.cpp logged nothing to read"));
    }

    @Test
    void overlappingLoadsShareOneProcessWideLogAndAreBothUnusable() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#overlap"));
        ModelParameters first = HookedLlama.parameters();
        LlamaCppHooks.beforeModelLoadDirect(first); // this thread's load has started ...
        try {
            other.submit(() -> HookedLlama.load(HookedLlama.parameters()).close()).get(60, TimeUnit.SECONDS);
            try (LlamaModel model = new LlamaModel(first)) { // ... and finishes after the other one
                LlamaCppHooks.modelLoadedDirect(first, model);
                HookedLlama.complete(model);
            }
        } finally {
            other.shutdownNow();
        }
        RecordingSink sink = close(capture);
        assertThat(sink.unavailable).hasSize(2).allSatisfy(u -> assertThat(u.why())
                .contains("another llama.cpp model was loaded at the same time"));
        assertThat(sink.facts).isEmpty();
    }

    @Test
    void aModelLoadedWithoutTheHooksIsUnavailableWhenUsed() {
        try (LlamaModel unhooked = new LlamaModel(HookedLlama.parameters())) {
            EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#unseen"));
            HookedLlama.complete(unhooked);
            RecordingSink sink = close(capture);
            assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                    .contains("the model was loaded before the recorder agent hooked llama.cpp"));
        }
    }

    @Test
    void aWindowWithoutLlamaCppReportsNothing() {
        RecordingSink sink = close(source.open(TestWindow.requesting("LlamaTest#idle", "cuda")));
        assertThat(sink.toString()).isEqualTo("kernels=[] fallbacks=[] facts=[] unavailable=[]");
    }

    @Test
    void hooksGivenWrongObjectsNeverThrowIntoTheEngine() {
        EvidenceSource.Capture capture = source.open(TestWindow.of("LlamaTest#junk"));
        LlamaCppHooks.beforeModelLoadDirect("not parameters");
        LlamaCppHooks.modelLoadedDirect("not parameters", "not a model");
        LlamaCppHooks.modelLoadFailedDirect(null);
        LlamaCppHooks.beforeInferenceDirect(null);
        RecordingSink sink = close(capture);
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .contains("the ModelParameters of the load could not be read"));
    }
}
