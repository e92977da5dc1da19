package dev.honestcompute.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.honestcompute.fixtures.format.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads an HF llama directory (config.json + F32 model.safetensors) into a {@link LlamaModel}. */
final class HfModelLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfModelLoader() {
    }

    static LlamaModel load(Path dir) throws IOException {
        Path configFile = dir.resolve("config.json");
        Path weightsFile = dir.resolve("model.safetensors");
        for (Path p : new Path[] {configFile, weightsFile}) {
            if (!Files.isRegularFile(p)) {
                throw new ModelLoadException(p, "is missing; an HF llama directory needs config.json and an F32 "
                        + "model.safetensors (generate one with TinyLlamaGenerator)");
            }
        }
        LlamaConfig c = config(configFile);
        SafetensorsReader st;
        try {
            st = SafetensorsReader.read(weightsFile);
        } catch (IOException e) {
            throw new ModelLoadException(weightsFile, "cannot be read: " + e.getMessage(), e);
        }
        Tensors t = new Tensors(weightsFile, st);
        int h = c.hidden();
        int q = c.heads() * c.headDim();
        int kv = c.kvDim();
        float[] emb = t.get("model.embed_tokens.weight", c.vocab(), h);
        List<LlamaModel.Layer> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            String p = "model.layers." + i + ".";
            layers.add(new LlamaModel.Layer(
                    t.get(p + "input_layernorm.weight", h),
                    t.matrix(p + "self_attn.q_proj.weight", q, h),
                    t.matrix(p + "self_attn.k_proj.weight", kv, h),
                    t.matrix(p + "self_attn.v_proj.weight", kv, h),
                    t.matrix(p + "self_attn.o_proj.weight", h, q),
                    t.get(p + "post_attention_layernorm.weight", h),
                    t.matrix(p + "mlp.gate_proj.weight", c.intermediate(), h),
                    t.matrix(p + "mlp.up_proj.weight", c.intermediate(), h),
                    t.matrix(p + "mlp.down_proj.weight", h, c.intermediate())));
        }
        float[] norm = t.get("model.norm.weight", h);
        WeightMatrix head = st.tensors().containsKey("lm_head.weight") || !tied(configFile)
                ? t.matrix("lm_head.weight", c.vocab(), h)
                : new WeightMatrix("model.embed_tokens.weight", c.vocab(), h, emb, null);
        return new LlamaModel(dir, c, emb, layers, norm, head, false);
    }

    private static LlamaConfig config(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(file, "is not valid JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new ModelLoadException(file, "must hold a JSON object");
        }
        String type = n.path("model_type").asText("");
        if (!type.equals("llama")) {
            throw new ModelLoadException(file, "has model_type '" + type + "', expected 'llama'");
        }
        int hidden = intField(file, n, "hidden_size");
        int heads = intField(file, n, "num_attention_heads");
        int kvHeads = n.has("num_key_value_heads") ? intField(file, n, "num_key_value_heads") : heads;
        if (n.has("head_dim") && intField(file, n, "head_dim") * heads != hidden) {
            throw new ModelLoadException(file, "has head_dim " + n.get("head_dim") + " but hidden_size/num_attention_heads = "
                    + (hidden / Math.max(heads, 1)) + "; this engine needs head_dim * heads == hidden_size");
        }
        if (n.hasNonNull("rope_scaling")) {
            throw new ModelLoadException(file, "sets rope_scaling; this example engine supports plain RoPE only");
        }
        try {
            return new LlamaConfig(hidden, intField(file, n, "intermediate_size"), intField(file, n, "num_hidden_layers"),
                    heads, kvHeads, intField(file, n, "vocab_size"), intField(file, n, "max_position_embeddings"),
                    n.path("rope_theta").asDouble(10000.0), n.path("rms_norm_eps").asDouble(1e-6));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "describes an impossible model: " + e.getMessage(), e);
        }
    }

    private static boolean tied(Path configFile) throws IOException {
        return JSON.readTree(configFile.toFile()).path("tie_word_embeddings").asBoolean(false);
    }

    private static int intField(Path file, JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw new ModelLoadException(file, "field '" + field + "' must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    /** Checked access to the safetensors tensors: presence, dtype and shape. */
    private record Tensors(Path file, SafetensorsReader st) {

        float[] get(String name, int... shape) throws IOException {
            SafetensorsReader.TensorInfo info = st.tensors().get(name);
            if (info == null) {
                throw new ModelLoadException(file, "tensor '" + name + "' is missing (expected F32 shape "
                        + Arrays.toString(shape) + "); the file has " + st.tensors().size()
                        + " tensors. Re-export or regenerate the model.");
            }
            long[] expected = Arrays.stream(shape).asLongStream().toArray();
            if (!Arrays.equals(info.shape(), expected)) {
                throw new ModelLoadException(file, "tensor '" + name + "' has shape " + Arrays.toString(info.shape())
                        + ", expected " + Arrays.toString(expected) + " from config.json");
            }
            if (!info.dtype().equals("F32")) {
                throw new ModelLoadException(file, "tensor '" + name + "' is " + info.dtype()
                        + "; this engine reads F32 safetensors (use the GGUF loader for Q8_0)");
            }
            return st.floats(name);
        }

        WeightMatrix matrix(String name, int rows, int cols) throws IOException {
            return new WeightMatrix(name, rows, cols, get(name, rows, cols), null);
        }
    }
}
