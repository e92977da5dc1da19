package dev.honestcompute.examples.engine;

import dev.honestcompute.fixtures.format.GgufReader;
import dev.honestcompute.fixtures.generator.Q8_0;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a GGUF v3 llama (F32 or Q8_0 tensors) into a {@link LlamaModel}. */
final class GgufModelLoader {

    private static final int GGML_F32 = 0;
    private static final int GGML_Q8_0 = 8;

    private GgufModelLoader() {
    }

    static LlamaModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, "is missing; expected a GGUF v3 llama file");
        }
        GgufReader g;
        try {
            g = GgufReader.read(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        Object arch = g.metadata().get("general.architecture");
        if (!"llama".equals(arch)) {
            throw new ModelLoadException(file, "has general.architecture '" + arch + "', expected 'llama'");
        }
        LlamaConfig c;
        try {
            c = new LlamaConfig(meta(g, file, "llama.embedding_length"), meta(g, file, "llama.feed_forward_length"),
                    meta(g, file, "llama.block_count"), meta(g, file, "llama.attention.head_count"),
                    g.metadata().containsKey("llama.attention.head_count_kv")
                            ? meta(g, file, "llama.attention.head_count_kv") : meta(g, file, "llama.attention.head_count"),
                    vocab(g, file), meta(g, file, "llama.context_length"),
                    floatMeta(g, "llama.rope.freq_base", 10000.0), floatMeta(g, "llama.attention.layer_norm_rms_epsilon", 1e-5));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "describes an impossible model: " + e.getMessage(), e);
        }
        if (g.metadata().containsKey("llama.rope.dimension_count")
                && meta(g, file, "llama.rope.dimension_count") != c.headDim()) {
            throw new ModelLoadException(file, "has llama.rope.dimension_count " + g.metadata().get("llama.rope.dimension_count")
                    + "; this engine rotates whole heads (expected " + c.headDim() + ")");
        }
        Tensors t = new Tensors(file, g);
        int h = c.hidden();
        int q = c.heads() * c.headDim();
        int kv = c.kvDim();
        float[] emb = t.get("token_embd.weight", c.vocab(), h).values();
        List<LlamaModel.Layer> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            String p = "blk." + i + ".";
            layers.add(new LlamaModel.Layer(
                    t.get(p + "attn_norm.weight", h).values(),
                    t.unpermuted(p + "attn_q.weight", q, h, c.heads()),
                    t.unpermuted(p + "attn_k.weight", kv, h, c.kvHeads()),
                    t.get(p + "attn_v.weight", kv, h),
                    t.get(p + "attn_output.weight", h, q),
                    t.get(p + "ffn_norm.weight", h).values(),
                    t.get(p + "ffn_gate.weight", c.intermediate(), h),
                    t.get(p + "ffn_up.weight", c.intermediate(), h),
                    t.get(p + "ffn_down.weight", h, c.intermediate())));
        }
        float[] norm = t.get("output_norm.weight", h).values();
        WeightMatrix head = g.tensors().containsKey("output.weight")
                ? t.get("output.weight", c.vocab(), h)
                : new WeightMatrix("token_embd.weight", c.vocab(), h, emb, null);
        return new LlamaModel(file, c, emb, layers, norm, head, t.sawQ8_0);
    }

    private static int vocab(GgufReader g, Path file) throws IOException {
        if (g.metadata().containsKey("llama.vocab_size")) {
            return meta(g, file, "llama.vocab_size");
        }
        Object tokens = g.metadata().get("tokenizer.ggml.tokens");
        if (tokens instanceof List<?> l) {
            return l.size();
        }
        throw new ModelLoadException(file, "has neither llama.vocab_size nor tokenizer.ggml.tokens metadata");
    }

    private static int meta(GgufReader g, Path file, String key) throws IOException {
        Object v = g.metadata().get(key);
        if (!(v instanceof Number n) || n.longValue() <= 0 || n.longValue() > Integer.MAX_VALUE) {
            throw new ModelLoadException(file, "metadata '" + key + "' must be a positive integer, got " + v);
        }
        return n.intValue();
    }

    private static double floatMeta(GgufReader g, String key, double fallback) {
        return g.metadata().get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    /** Checked access to GGUF tensors: presence, ggml type and shape (GGUF dims are innermost first). */
    private static final class Tensors {
        private final Path file;
        private final GgufReader g;
        boolean sawQ8_0;

        Tensors(Path file, GgufReader g) {
            this.file = file;
            this.g = g;
        }

        WeightMatrix get(String name, int... shape) throws IOException {
            GgufReader.TensorInfo info = g.tensors().get(name);
            long[] expected = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                expected[i] = shape[shape.length - 1 - i];
            }
            if (info == null) {
                throw new ModelLoadException(file, "tensor '" + name + "' is missing (expected ggml dims "
                        + Arrays.toString(expected) + "); the file has " + g.tensors().size()
                        + " tensors. Re-convert the model to GGUF.");
            }
            if (!Arrays.equals(info.dims(), expected)) {
                throw new ModelLoadException(file, "tensor '" + name + "' has ggml dims " + Arrays.toString(info.dims())
                        + ", expected " + Arrays.toString(expected) + " from the llama.* metadata");
            }
            if (info.type() != GGML_F32 && info.type() != GGML_Q8_0) {
                throw new ModelLoadException(file, "tensor '" + name + "' has ggml type " + info.type()
                        + "; this engine reads F32 (0) and Q8_0 (8)");
            }
            float[] values = g.floats(name);
            int rows = shape.length == 2 ? shape[0] : 1;
            int cols = shape[shape.length - 1];
            byte[] q8 = null;
            if (info.type() == GGML_Q8_0) {
                sawQ8_0 = true;
                q8 = requantizeExactly(name, values);
            }
            return new WeightMatrix(name, rows, cols, values, q8);
        }

        /** A Q or K projection with llama.cpp's converter permutation undone (back to HF rotate-half rows). */
        WeightMatrix unpermuted(String name, int rows, int cols, int heads) throws IOException {
            WeightMatrix m = get(name, rows, cols);
            float[] hf = unpermute(m.values(), rows, cols, heads);
            return new WeightMatrix(name, rows, cols, hf, m.q8_0IfPresent() == null ? null : requantizeExactly(name, hf));
        }

        /**
         * The reader hands out dequantized values; quantizing them again yields the same scales and quants
         * (max |q| is 127, so the scale round-trips). That is checked, not assumed: a mismatch fails the load.
         */
        private byte[] requantizeExactly(String name, float[] dequantized) throws IOException {
            byte[] blocks = Q8_0.quantize(dequantized);
            float[] back = Q8_0.dequantize(ByteBuffer.wrap(blocks), dequantized.length);
            for (int i = 0; i < back.length; i++) {
                if (Float.floatToRawIntBits(back[i]) != Float.floatToRawIntBits(dequantized[i])) {
                    throw new ModelLoadException(file, "Q8_0 tensor '" + name + "' does not round-trip at element " + i
                            + " (" + dequantized[i] + " became " + back[i] + "); its blocks are not in canonical "
                            + "ggml form. Load the F32 GGUF instead.");
                }
            }
            return blocks;
        }
    }

    /** Inverse of llama.cpp's convert_hf_to_gguf permute: ggml row {@code j*2+i} goes back to HF row {@code i*half+j}. */
    static float[] unpermute(float[] w, int rows, int cols, int heads) {
        int headDim = rows / heads;
        int half = headDim / 2;
        float[] out = new float[w.length];
        for (int hd = 0; hd < heads; hd++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < half; j++) {
                    int hfRow = hd * headDim + i * half + j;
                    int ggmlRow = hd * headDim + j * 2 + i;
                    System.arraycopy(w, ggmlRow * cols, out, hfRow * cols, cols);
                }
            }
        }
        return out;
    }
}
