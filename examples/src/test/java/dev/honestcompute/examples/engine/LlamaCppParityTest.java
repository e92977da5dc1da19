package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's greedy tokens equal llama.cpp's ({@code de.kherud:llama}, CPU, F32 KV cache, flash attention off)
 * on the generated F32 GGUF. llama.cpp tokenizes the prompt; the engine starts from the same ids.
 */
class LlamaCppParityTest {

    static final String PROMPT = "The quick brown fox";
    static final int NEW_TOKENS = 16;
    static final int BOS = 1;

    @Test
    void greedyTokensEqualLlamaCppOnTheF32Gguf() throws IOException {
        de.kherud.llama.LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        ModelParameters params = new ModelParameters()
                .setModel(TinyModels.ggufF32().toAbsolutePath().toString())
                .setGpuLayers(0)
                .setCtxSize(256)
                .setThreads(2)
                .setCacheTypeK(CacheType.F32)
                .setCacheTypeV(CacheType.F32)
                .disableLog();
        List<String> pieces = new ArrayList<>();
        int[] promptIds;
        try (de.kherud.llama.LlamaModel llama = new de.kherud.llama.LlamaModel(params)) {
            promptIds = llama.encode(PROMPT);
            InferenceParameters infer = new InferenceParameters(PROMPT)
                    .setTemperature(0f)
                    .setTopK(1)
                    .setNPredict(NEW_TOKENS)
                    .setIgnoreEos(true)
                    .setCachePrompt(false)
                    .setSeed(42);
            for (LlamaOutput out : llama.generate(infer)) {
                pieces.add(out.text);
            }
        }
        // the stream ends with an empty final message (the stop event), which is not a token
        if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).isEmpty()) {
            pieces.remove(pieces.size() - 1);
        }
        assertThat(pieces).as("llama.cpp streamed one piece per generated token").hasSize(NEW_TOKENS);
        int[] prompt = withBos(promptIds);
        int[] llamaCppIds = idsOf(pieces);

        LlamaEngine engine = new LlamaEngine(LlamaModel.loadGguf(TinyModels.ggufF32()), ComputeBackend.scalar());
        int[] ours = engine.generate(prompt, NEW_TOKENS);
        System.out.printf("llama.cpp parity: prompt %s, llama.cpp %s, engine %s, text '%s'%n",
                java.util.Arrays.toString(prompt), java.util.Arrays.toString(llamaCppIds),
                java.util.Arrays.toString(ours), String.join("", pieces));
        assertThat(ours).as("engine greedy tokens vs llama.cpp").isEqualTo(llamaCppIds);
        assertThat(new LlamaEngine(LlamaModel.loadGguf(TinyModels.ggufF32()), ComputeBackend.simd())
                .generate(prompt, NEW_TOKENS)).as("SIMD backend vs llama.cpp").isEqualTo(llamaCppIds);
    }

    /** llama.cpp's server adds BOS itself (the GGUF says add_bos_token); its encode() does not. */
    private static int[] withBos(int[] ids) {
        if (ids.length > 0 && ids[0] == BOS) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = BOS;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /** Maps each streamed piece back to its token id through tokenizer.json's vocabulary (unique for text pieces). */
    private static int[] idsOf(List<String> pieces) throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(TinyModels.hf().resolve("tokenizer.json").toFile())
                .path("model").path("vocab");
        Map<String, Integer> byPiece = new HashMap<>();
        vocab.fields().forEachRemaining(e -> byPiece.put(e.getKey().replace('\u2581', ' '), e.getValue().asInt()));
        int[] ids = new int[pieces.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = byPiece.get(pieces.get(i));
            assertThat(id).as("llama.cpp piece %d '%s' is a vocabulary token", i, pieces.get(i)).isNotNull();
            ids[i] = id;
        }
        return ids;
    }
}
