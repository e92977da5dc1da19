package dev.honestcompute.examples.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Jlama's Vector API path ({@code -Djlama.force_panama_tensor_operations=true}, its own Surefire execution
 * {@code jlama-panama}): the GEMM tiles run in {@code Gemmer.kernel}, a method the inner {@code Gemmer*} classes
 * inherit, and the built-in config names each by its runtime class.
 */
class JlamaPanamaKernelsRecordedTest {

    @Test
    void vectorApiGemmTilesAreRecordedPerRuntimeGemmerClass(@TempDir Path root) throws Exception {
        if (!KernelRecorder.isActive()) {
            fail("kernel recorder is not active: " + KernelRecorder.activationHint());
        }
        if (!Boolean.getBoolean("jlama.force_panama_tensor_operations")) {
            fail("run in the Surefire execution 'jlama-panama' (-Djlama.force_panama_tensor_operations=true)");
        }
        Path hf = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(11), root).hfDirectory();
        KernelObservations seen;
        Generator.Response response;
        try (AbstractModel model = ModelSupport.loadModel(hf.toFile(), DType.F32, DType.F32)) {
            assertThat(TensorOperationsProvider.get().name()).containsIgnoringCase("panama");
            try (KernelWindow window = KernelRecorder.openWindow("JlamaPanamaKernelsRecordedTest", true)) {
                response = model.generate(UUID.randomUUID(), PromptContext.of("hi"), 0.0f, 12, (t, p) -> { });
                seen = window.observations();
            }
        }
        assertThat(response.generatedTokens).isPositive();
        assertThat(seen.kernels()).extracting(KernelStats::id)
                .contains("jlama.panama.batchDotProduct", "jlama.panama.gemm.GemmerF32")
                .noneMatch(id -> id.startsWith("jlama.native.") || id.startsWith("jlama.cnative."))
                .noneMatch(id -> id.equals("jlama.panama.gemm.Gemmer"));
        assertThat(seen.kernels()).filteredOn(k -> k.id().equals("jlama.panama.gemm.GemmerF32")).singleElement()
                .satisfies(k -> assertThat(k.calls()).isPositive());
        assertThat(seen.backgroundCalls()).isZero();
        System.out.println("[jlama-panama] tokens=" + response.generatedTokens + " kernels=" + seen.kernels());
    }
}
