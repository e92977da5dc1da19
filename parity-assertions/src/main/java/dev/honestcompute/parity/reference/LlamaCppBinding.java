package dev.honestcompute.parity.reference;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.LogFormat;
import de.kherud.llama.args.PoolingType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The only class that touches {@code de.kherud:llama}: {@link LlamaCppReference} loads it after checking that the
 * optional library is on the class path. Settings make llama.cpp agree with an independent float64 forward pass:
 * F32 KV cache, flash attention off, one thread, fixed seed, CPU (4.2.0's published jar is a CPU build; its default
 * of no GPU layers is kept, since an explicit {@code --gpu-layers 0} only makes it print a three-line warning).
 */
final class LlamaCppBinding implements AutoCloseable {

    private static final int CONTEXT = 512;

    private final LlamaModel model;

    private LlamaCppBinding(LlamaModel model) {
        this.model = model;
    }

    static LlamaCppBinding load(Path gguf, boolean embeddings, LlamaCppLog log) {
        ModelParameters p = parameters(gguf, embeddings);
        if (!log.toConsole()) {
            p.disableLog();
        }
        LlamaModel model;
        try {
            model = new LlamaModel(p);
        } catch (RuntimeException e) {
            throw loadFailure(gguf, embeddings, log, e);
        }
        if (!log.toConsole()) {
            // llama.cpp's loader resets the log callback; what it logs from now on goes to the file
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> log.append(level.name(), message));
            log.append("LOAD", gguf.toAbsolutePath() + (embeddings ? " (embeddings, pooling LAST)" : " (generation)")
                    + ": context " + CONTEXT + ", 1 thread, F32 KV cache, seed 42; llama.cpp's load log is off, "
                    + "-D" + LlamaCppLog.PROPERTY + "=console shows it");
        }
        return new LlamaCppBinding(model);
    }

    private static ModelParameters parameters(Path gguf, boolean embeddings) {
        ModelParameters p = new ModelParameters()
                .setModel(gguf.toAbsolutePath().toString())
                .setCtxSize(CONTEXT)
                .setThreads(1)
                .setThreadsBatch(1)
                .setCacheTypeK(CacheType.F32)
                .setCacheTypeV(CacheType.F32)
                .setSeed(42)
                .skipWarmup();
        if (embeddings) {
            p.enableEmbedding().setPoolingType(PoolingType.LAST);
        }
        return p;
    }

    /** Loads once more with llama.cpp's log on and in a file, so the failure's reason is kept and named. */
    private static ReferenceEngineException loadFailure(Path gguf, boolean embeddings, LlamaCppLog log,
                                                        RuntimeException e) {
        String where = "";
        if (!log.toConsole()) {
            Path failure = log.failureFile();
            try {
                java.nio.file.Files.createDirectories(failure.getParent());
                new LlamaModel(parameters(gguf, embeddings).setLogFile(failure.toString())).close();
            } catch (RuntimeException | java.io.IOException again) {
                // expected: the same failure, now with llama.cpp's log in the file
            }
            where = "; llama.cpp's log of the load is in " + failure;
        }
        return new ReferenceEngineException("llama.cpp (" + LlamaCppReference.BINDING + ") could not load "
                + gguf.toAbsolutePath() + ": " + e.getMessage() + where
                + "; check that the file is a llama GGUF llama.cpp supports", e);
    }

    int[] encode(String text) {
        return model.encode(text);
    }

    String decode(int[] tokens) {
        return model.decode(tokens);
    }

    float[] embed(String text) {
        return model.embed(text);
    }

    /** The text pieces of up to {@code maxTokens} greedy tokens after {@code prompt}. */
    List<String> greedyPieces(String prompt, int maxTokens) {
        InferenceParameters p = new InferenceParameters(prompt).setNPredict(maxTokens).setTemperature(0f).setTopK(1)
                .setSeed(42).setCachePrompt(false);
        List<String> pieces = new ArrayList<>();
        for (LlamaOutput o : model.generate(p)) {
            if (!o.text.isEmpty()) { // the final stop message carries no token
                pieces.add(o.text);
            }
        }
        return pieces;
    }

    @Override
    public void close() {
        model.close();
    }
}
