package dev.honestcompute.examples.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Jlama 0.8.4, unmodified, on a tiny generated llama: its kernels reach the recorder only through the kernels.json
 * shipped inside kernel-recorder (no annotation, no source change), loaded with {@code -javaagent} from the argLine.
 */
class JlamaKernelsRecordedTest {

    @TempDir
    static Path modelRoot;

    private static AbstractModel model;

    @BeforeAll
    static void loadTinyModel() throws Exception {
        if (!KernelRecorder.isActive()) {
            fail("kernel recorder is not active: " + KernelRecorder.activationHint());
        }
        Path hf = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(7), modelRoot).hfDirectory();
        model = ModelSupport.loadModel(hf.toFile(), DType.F32, DType.F32);
    }

    @AfterAll
    static void closeModel() throws Exception {
        if (model != null) {
            model.close();
        }
    }

    /** Greedy generation; Jlama's {@code ntokens} bounds prompt plus generated tokens. */
    private static Generator.Response generate(int maxTokens) {
        return model.generate(UUID.randomUUID(), PromptContext.of("hi"), 0.0f, maxTokens, (t, p) -> { });
    }

    @Test
    void jlamasOwnKernelsAreObservedWhileItGenerates() {
        String provider = TensorOperationsProvider.get().name();
        KernelObservations seen;
        Generator.Response response;
        try (KernelWindow window = KernelRecorder.openWindow("JlamaKernelsRecordedTest#generate", true)) {
            response = generate(16);
            seen = window.observations();
        }
        assertThat(response.generatedTokens).as("tokens Jlama generated").isPositive();
        List<String> ids = seen.kernels().stream().map(KernelStats::id).collect(Collectors.toList());
        assertThat(seen.recorderActive()).isTrue();
        assertThat(seen.backgroundCalls()).as("Jlama's pool threads work for the window: nothing is background").isZero();
        assertThat(seen.kernels()).allSatisfy(k -> {
            assertThat(k.id()).startsWith("jlama.");
            assertThat(k.backend()).isEqualTo(Backend.CPU_SIMD);
            assertThat(k.failedCalls()).isZero();
        });
        assertThat(seen.kernels()).as("kernels seen with provider " + provider).anySatisfy(k -> {
            assertThat(k.id()).isIn("jlama.panama.batchDotProduct", "jlama.native.batchDotProduct");
            assertThat(k.calls()).isPositive();
        });
        if (provider.contains("Native")) {
            assertThat(ids).as("native GEMM downcalls with provider " + provider).anyMatch(id -> id.startsWith("jlama.cnative.gemm_"));
        } else {
            assertThat(ids).as("Vector API GEMM tiles, named by runtime class, with provider " + provider)
                    .anyMatch(id -> id.startsWith("jlama.panama.gemm.Gemmer"));
        }
        System.out.println("[jlama] provider=" + provider + " tokens=" + response.generatedTokens + " kernels=" + seen.kernels());
    }

    @Test
    void moreTokensMeanMoreKernelCallsPerWindow() {
        long[] fewer = callsAndTokens(8);
        long[] more = callsAndTokens(24);
        assertThat(more[1]).as("generated tokens with a larger budget").isGreaterThan(fewer[1]);
        assertThat(more[0]).as("kernel calls for %d vs %d generated tokens", more[1], fewer[1])
                .isGreaterThan(fewer[0]);
    }

    private static long[] callsAndTokens(int maxTokens) {
        try (KernelWindow window = KernelRecorder.openWindow("JlamaKernelsRecordedTest#" + maxTokens, true)) {
            Generator.Response r = generate(maxTokens);
            return new long[] {window.observations().kernels().stream().mapToLong(KernelStats::calls).sum(),
                r.generatedTokens};
        }
    }

    @Test
    void noJlamaKernelIsClaimedWhenJlamaDidNotRun() {
        try (KernelWindow window = KernelRecorder.openWindow("JlamaKernelsRecordedTest#idle", true)) {
            assertThat(window.observations().kernels()).isEmpty();
            assertThat(window.observations().anyKernelRan()).isFalse();
        }
        assertThat(RecorderAgent.transformErrors()).isEmpty();
    }
}
