package dev.honestcompute.examples.onnx;

import ai.onnxruntime.OrtException;
import dev.honestcompute.parity.ToleranceProfile;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.honestcompute.parity.ParityAssertions.assertThatTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ONNX engine on the real ONNX Runtime 1.29 CPU build and the verified {@code tiny-onnx-block} fixture, against
 * the plain-Java forward pass of the same file's weights.
 */
class OnnxBlockEngineTest {

    static final int[] PROMPT = {1, 17, 42, 5, 63, 8, 30};

    private static float[] flat(float[][] rows) {
        int n = Arrays.stream(rows).mapToInt(r -> r.length).sum();
        float[] out = new float[n];
        int i = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, i, r.length);
            i += r.length;
        }
        return out;
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    void onnxRuntimeAndThePlainJavaForwardPassAgreeToFloat32Precision(Path onnx) throws Exception {
        JavaBlockForward reference = JavaBlockForward.load(onnx);
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
            float[][] ort = engine.logits(PROMPT);
            float[][] java = reference.logits(PROMPT);

            assertThat(ort).hasDimensions(PROMPT.length, reference.vocabularySize());
            assertThatTensor(flat(ort), PROMPT.length, 64).isCloseTo(flat(java), ToleranceProfile.FP32)
                    .withNmseAtMost(1e-10);
        }
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    void aWrongReferenceIsCaught(Path onnx) throws Exception {
        float[][] java = JavaBlockForward.load(onnx).logits(PROMPT);
        java[3][7] += 1e-3f; // what an engine bug in one logit looks like
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
            float[] ort = flat(engine.logits(PROMPT));
            assertThatThrownBy(() -> assertThatTensor(ort, PROMPT.length, 64).isCloseTo(flat(java),
                    ToleranceProfile.FP32)).isInstanceOf(AssertionError.class).hasMessageContaining("[3, 7]");
        }
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    void eachRowDependsOnlyOnTheTokensUpToIt(Path onnx) throws Exception {
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
            float[][] full = engine.logits(PROMPT);
            float[][] prefix = engine.logits(Arrays.copyOf(PROMPT, 3));
            for (int i = 0; i < 3; i++) {
                assertThat(prefix[i]).as("row %d", i).containsExactly(full[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
            int[] changedLast = PROMPT.clone();
            changedLast[PROMPT.length - 1] = 2;
            assertThat(engine.logits(changedLast)[PROMPT.length - 1]).isNotEqualTo(full[PROMPT.length - 1]);
        }
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    void cudaOrCpuSilentlyRunsOnTheCpuHere(Path onnx) throws Exception {
        try (OnnxBlockEngine cpu = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU);
             OnnxBlockEngine asked = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CUDA_OR_CPU)) {
            assertThat(asked.logits(PROMPT)).as("nothing in the engine's output says it ran on the CPU")
                    .isDeepEqualTo(cpu.logits(PROMPT));
        }
    }

    @Test
    @RequiresModel("tiny-onnx-block")
    void strictCudaFailsOnAHostWithoutTheCudaProvider(Path onnx) {
        assertThatThrownBy(() -> OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CUDA_STRICT))
                .isInstanceOf(OrtException.class).hasMessageContaining("CUDA");
    }

    @Test
    void theInitializerReaderRejectsWhatIsNotItsOnnx(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> OnnxInitializers.parse(new byte[] {0x3a, 0x7f, 0x01}, "junk.onnx"))
                .hasMessage("junk.onnx: not a valid ONNX protobuf at byte 2: length 127 runs past the end of its message"
                        + " (1 bytes left)");
        assertThatThrownBy(() -> OnnxInitializers.parse(new byte[] {0x08, 0x08}, "empty.onnx"))
                .hasMessage("empty.onnx: no float initializers found; is this an ONNX model?");
        Path truncated = Files.write(tmp.resolve("t.onnx"), Arrays.copyOf(Files.readAllBytes(
                Path.of("../fixtures/models/tiny-block/tiny-block.onnx")), 5000));
        assertThatThrownBy(() -> OnnxInitializers.read(truncated)).hasMessageContaining("not a valid ONNX protobuf");
    }
}
