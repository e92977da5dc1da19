package dev.honestcompute.examples.jlama;

import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.jlama.JlamaProviderSource;
import dev.honestcompute.recorder.evidence.jlama.RequiresJlamaProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Jlama forced onto the Vector API ({@code -Djlama.force_panama_tensor_operations=true}, Surefire execution
 * {@code jlama-panama}): a test that requires the native SIMD provider gets a fallback naming the flag, never a pass;
 * a test that requires Panama gets none.
 */
class JlamaPanamaProviderEvidenceTest {

    @BeforeAll
    static void inThePanamaJvm() {
        if (!Boolean.getBoolean("jlama.force_panama_tensor_operations")) {
            fail("run in the Surefire execution 'jlama-panama' (-Djlama.force_panama_tensor_operations=true)");
        }
    }

    @Test
    @RequiresJlamaProvider(RequiresJlamaProvider.Provider.NATIVE_SIMD)
    void requiringNativeSimdUnderThePanamaFlagIsAFallback(TestInfo test, @TempDir Path root) throws Exception {
        EvidenceSource.Capture capture = new JlamaProviderSource().open(TestMethodWindow.of(test, "cpu-simd"));
        JlamaProviderEvidenceTest.generate(root);

        assertThat(JlamaProviderEvidenceTest.reported(capture)).containsExactly(
                "fact jlama.tensor_operations = PanamaTensorOperations (Panama Vector Operations)",
                "fallback cpu-simd -> cpu-simd JLAMA_NATIVE_SIMD_NOT_CHOSEN: the test requires"
                        + " NativeSimdTensorOperations; Jlama chose PanamaTensorOperations (Panama Vector Operations);"
                        + " -Djlama.force_panama_tensor_operations=true forces the Vector API");
    }

    @Test
    @RequiresJlamaProvider(RequiresJlamaProvider.Provider.PANAMA)
    void requiringPanamaHereIsMet(TestInfo test, @TempDir Path root) throws Exception {
        EvidenceSource.Capture capture = new JlamaProviderSource().open(TestMethodWindow.of(test, "cpu-simd"));
        JlamaProviderEvidenceTest.generate(root);

        assertThat(JlamaProviderEvidenceTest.reported(capture)).containsExactly(
                "fact jlama.tensor_operations = PanamaTensorOperations (Panama Vector Operations)");
    }
}
