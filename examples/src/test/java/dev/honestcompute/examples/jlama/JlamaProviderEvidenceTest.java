package dev.honestcompute.examples.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.jlama.JlamaProviderSource;
import dev.honestcompute.recorder.evidence.jlama.RequiresJlamaProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jlama's provider choice as evidence, in the default test JVM, where {@code jlama-native} loads: a test that requires
 * the native SIMD provider gets it, recorded as the fact {@code jlama.tensor_operations}, and no fallback. The Panama
 * side is {@code JlamaPanamaProviderEvidenceTest} (its own JVM, Jlama's flag forcing the Vector API).
 */
class JlamaProviderEvidenceTest {

    /** What the source reported, as lines. */
    static List<String> reported(EvidenceSource.Capture capture) {
        List<String> lines = new ArrayList<>();
        capture.close(new EvidenceSink() {
            @Override
            public void kernel(String id, String backend, long calls, long failedCalls, String detail) {
                lines.add("kernel " + id);
            }

            @Override
            public void fallback(String requested, String effective, String reasonCode, String detail) {
                lines.add("fallback " + requested + " -> " + effective + " " + reasonCode + ": " + detail);
            }

            @Override
            public void fact(String name, String value) {
                lines.add("fact " + name + " = " + value);
            }

            @Override
            public void unavailable(String what, String why) {
                lines.add("unavailable " + what + ": " + why);
            }
        });
        return lines;
    }

    static void generate(Path root) throws Exception {
        Path hf = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(5), root).hfDirectory();
        try (AbstractModel model = ModelSupport.loadModel(hf.toFile(), DType.F32, DType.F32)) {
            assertThat(model.generate(UUID.randomUUID(), PromptContext.of("hi"), 0.0f, 6, (t, p) -> { })
                    .generatedTokens).isPositive();
        }
    }

    @Test
    @RequiresJlamaProvider(RequiresJlamaProvider.Provider.NATIVE_SIMD)
    void theRequiredNativeProviderIsRecordedAsObservedEngineState(TestInfo test, @TempDir Path root) throws Exception {
        EvidenceSource.Capture capture = new JlamaProviderSource().open(TestMethodWindow.of(test, "cpu-simd"));
        generate(root);

        assertThat(reported(capture)).containsExactly(
                "fact jlama.tensor_operations = NativeSimdTensorOperations (Native SIMD Operations)");
    }

    @Test
    @RequiresJlamaProvider(RequiresJlamaProvider.Provider.PANAMA)
    void requiringPanamaWhereJlamaChoseNativeIsAMismatch(TestInfo test, @TempDir Path root) throws Exception {
        EvidenceSource.Capture capture = new JlamaProviderSource().open(TestMethodWindow.of(test, "cpu-simd"));
        generate(root);

        assertThat(reported(capture)).contains("fallback cpu-simd -> cpu-simd JLAMA_PROVIDER_MISMATCH: the test requires"
                + " PanamaTensorOperations; Jlama chose NativeSimdTensorOperations (Native SIMD Operations)");
    }
}
