package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.fixtures.format.SafetensorsReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoadErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aMissingTensorIsNamedWithItsFileAndExpectedShape() throws IOException {
        Path hf = copyHfDir(tensors -> tensors.remove("model.layers.1.mlp.up_proj.weight"));
        assertThatThrownBy(() -> LlamaModel.loadHf(hf)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(hf.resolve("model.safetensors").toString())
                .hasMessageContaining("tensor 'model.layers.1.mlp.up_proj.weight' is missing")
                .hasMessageContaining("expected F32 shape [128, 64]");
    }

    @Test
    void aTensorWithTheWrongShapeIsNamedWithBothShapes() throws IOException {
        Path hf = copyHfDir(tensors -> {
            Tensor k = tensors.get("model.layers.0.self_attn.k_proj.weight");
            tensors.put(k.name, new Tensor(k.name, new long[] {64, 32}, k.data));
        });
        assertThatThrownBy(() -> LlamaModel.loadHf(hf)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(hf.resolve("model.safetensors").toString())
                .hasMessageContaining("tensor 'model.layers.0.self_attn.k_proj.weight' has shape [64, 32], "
                        + "expected [32, 64] from config.json");
    }

    @Test
    void aConfigForAnotherArchitectureIsRefused() throws IOException {
        Path hf = copyHfDir(tensors -> { });
        ObjectNode config = (ObjectNode) JSON.readTree(hf.resolve("config.json").toFile());
        config.put("model_type", "mistral");
        Files.writeString(hf.resolve("config.json"), config.toString());
        assertThatThrownBy(() -> LlamaModel.loadHf(hf)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(hf.resolve("config.json").toString())
                .hasMessageContaining("model_type 'mistral', expected 'llama'");
    }

    @Test
    void aDirectoryWithoutWeightsSaysWhatIsMissing() throws IOException {
        Path hf = copyHfDir(tensors -> { });
        Files.delete(hf.resolve("model.safetensors"));
        assertThatThrownBy(() -> LlamaModel.loadHf(hf)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(hf.resolve("model.safetensors") + ": is missing");
    }

    @Test
    void aTruncatedGgufNamesTheFile() throws IOException {
        byte[] full = Files.readAllBytes(TinyModels.ggufF32());
        Path cut = dir.resolve("cut.gguf");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> LlamaModel.loadGguf(cut)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
    }

    private record Tensor(String name, long[] shape, byte[] data) {
    }

    private interface Edit {
        void apply(Map<String, Tensor> tensors);
    }

    /** Copies the generated HF directory into the temp dir, rewriting model.safetensors after {@code edit}. */
    private Path copyHfDir(Edit edit) throws IOException {
        Path src = TinyModels.hf();
        Path out = Files.createDirectories(dir.resolve("hf"));
        try (var files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, out.resolve(f.getFileName().toString()));
            }
        }
        SafetensorsReader st = SafetensorsReader.read(src.resolve("model.safetensors"));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (SafetensorsReader.TensorInfo t : st.tensors().values()) {
            float[] f = st.floats(t.name());
            ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(f);
            tensors.put(t.name(), new Tensor(t.name(), t.shape(), b.array()));
        }
        edit.apply(tensors);
        ObjectNode header = JSON.createObjectNode();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Tensor t : tensors.values()) {
            ObjectNode e = header.putObject(t.name);
            e.put("dtype", "F32");
            var shape = e.putArray("shape");
            for (long d : t.shape) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(data.size()).add(data.size() + t.data.length);
            data.write(t.data);
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + h.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(h.length).put(h).put(data.toByteArray());
        Files.write(out.resolve("model.safetensors"), file.array());
        return out;
    }
}
