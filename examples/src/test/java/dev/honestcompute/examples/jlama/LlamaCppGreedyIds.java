package dev.honestcompute.examples.jlama;

import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.reference.EngineIdentity;
import dev.honestcompute.parity.reference.LlamaCppReference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp's greedy tokens as ids. {@code de.kherud:llama} streams each generated token as its text piece only, so
 * each piece is mapped back through llama.cpp's own vocabulary (its {@code decode} of every single id). A piece that
 * several ids decode to (a byte-fallback token such as {@code <0x4F>} and the merged token {@code O}) is told apart
 * by llama.cpp's own logits at that step: the candidate its hidden state ranks first is the one its greedy sampler
 * took. Nothing from the engine under test is used; a piece no id decodes to, or candidates llama.cpp ranks equal,
 * fail with the step and the piece.
 *
 * <pre>{@code
 * int[] greedy = new LlamaCppGreedyIds(llama).generate(promptTokens, 16);
 * ParityEngine reference = LlamaCppGreedyIds.parityEngine(llama);   // closes llama when closed
 * }</pre>
 */
final class LlamaCppGreedyIds {

    /** Smallest logit gap that tells two same-text candidates apart (the logits are rebuilt in double). */
    private static final double MIN_GAP = 1e-4;

    private final LlamaCppReference llama;
    private final Map<String, List<Integer>> idsByPiece = new HashMap<>();

    LlamaCppGreedyIds(LlamaCppReference llama) {
        this.llama = llama;
        for (int id = 0; id < llama.vocabularySize(); id++) {
            idsByPiece.computeIfAbsent(llama.detokenize(new int[] {id}), k -> new ArrayList<>()).add(id);
        }
    }

    /** llama.cpp's greedy generation of up to {@code maxTokens} after {@code prompt} (ids without BOS), as ids. */
    int[] generate(int[] prompt, int maxTokens) {
        List<String> pieces = llama.generateGreedy(prompt, maxTokens, 0).pieces();
        int[] ids = new int[pieces.size()];
        for (int i = 0; i < ids.length; i++) {
            List<Integer> candidates = idsByPiece.getOrDefault(pieces.get(i), List.of());
            if (candidates.isEmpty()) {
                throw new IllegalStateException("llama.cpp's greedy piece " + i + " '" + pieces.get(i) + "' is not the "
                        + "text of any single token of " + llama.identity().detail() + "; the binding streams text, "
                        + "not ids, so this generation cannot be compared id by id");
            }
            ids[i] = candidates.size() == 1 ? candidates.get(0)
                    : rankedFirst(prompt, Arrays.copyOf(ids, i), candidates, pieces.get(i));
        }
        return ids;
    }

    private int rankedFirst(int[] prompt, int[] generatedSoFar, List<Integer> candidates, String piece) {
        int[] prefix = Arrays.copyOf(prompt, prompt.length + generatedSoFar.length);
        System.arraycopy(generatedSoFar, 0, prefix, prompt.length, generatedSoFar.length);
        float[][] logits = llama.logits(prefix);
        float[] last = logits[logits.length - 1];
        List<Integer> ranked = candidates.stream().sorted((a, b) -> Float.compare(last[b], last[a])).toList();
        double gap = last[ranked.get(0)] - last[ranked.get(1)];
        if (!(gap > MIN_GAP)) {
            throw new IllegalStateException("llama.cpp's greedy piece " + generatedSoFar.length + " '" + piece
                    + "' decodes from token ids " + candidates + ", and llama.cpp's logits there do not tell them "
                    + "apart (gap " + gap + "); the binding streams text, not ids");
        }
        return ranked.get(0);
    }

    /**
     * llama.cpp as one side of a parity comparison: its reconstructed logits of the input and its greedy ids after
     * it. Closing the engine (as {@code @ParityWith} does after the test) closes {@code llama}.
     */
    static ParityEngine parityEngine(LlamaCppReference llama) {
        return new Engine(llama, new LlamaCppGreedyIds(llama));
    }

    private record Engine(LlamaCppReference llama, LlamaCppGreedyIds ids) implements ParityEngine, AutoCloseable {

        @Override
        public EngineIdentity identity() {
            return llama.identity();
        }

        @Override
        public EngineOutput run(ParityInput in) {
            float[][] logits = llama.logits(in.tokens());
            int[] generated = in.maxNewTokens() > 0 ? ids.generate(in.tokens(), in.maxNewTokens()) : null;
            return new EngineOutput(logits, generated);
        }

        @Override
        public void close() {
            llama.close();
        }
    }
}
