package dev.honestcompute.examples.evidence;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.recorder.evidence.jlama.RequiresJlamaProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * In the {@code jlama-panama} JVM, a receipt test that requires Jlama's native SIMD provider fails as a fallback:
 * Jlama's only signal, a log warning, becomes a failed receipt.
 */
class JlamaPanamaProviderReceiptTest {

    @Test
    void requiringNativeSimdUnderThePanamaFlagFailsTheReceipt(@TempDir Path receipts) {
        if (!Boolean.getBoolean("jlama.force_panama_tensor_operations")) {
            fail("run in the Surefire execution 'jlama-panama' (-Djlama.force_panama_tensor_operations=true)");
        }
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmitsReceipt.DIR_PARAMETER, receipts.toString())
                .selectors(selectClass(NativeRequiredTestCases.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("[HC017]")
                && m.contains("JLAMA_NATIVE_SIMD_NOT_CHOSEN")))));
    }

    static class NativeRequiredTestCases {
        @Test
        @EmitsReceipt(backend = "cpu-simd")
        @RequiresJlamaProvider(RequiresJlamaProvider.Provider.NATIVE_SIMD)
        void generatesOnJlama(@TempDir Path root) throws Exception {
            Path hf = dev.honestcompute.fixtures.generator.TinyLlamaGenerator.generate(
                    dev.honestcompute.fixtures.generator.TinyLlamaSpec.tiny(3), root).hfDirectory();
            try (AbstractModel model = ModelSupport.loadModel(hf.toFile(), DType.F32, DType.F32)) {
                assertThat(model.generate(UUID.randomUUID(), PromptContext.of("hi"), 0.0f, 6, (t, p) -> { })
                        .generatedTokens).isPositive();
            }
        }
    }
}
