package dev.honestcompute.parity.reference;

import java.nio.file.Path;

/** Run in a child JVM by {@link LlamaCppLogTest}: opens a GGUF, computes logits and a greedy piece, closes. */
public final class LlamaCppConsoleProbe {

    private LlamaCppConsoleProbe() {
    }

    public static void main(String[] args) {
        try (LlamaCppReference llama = LlamaCppReference.open(Path.of(args[0]))) {
            int[] tokens = llama.tokenize("The quick brown fox").tokens();
            llama.logits(tokens);
            llama.generateGreedy("The quick brown fox", 2, 0);
        }
        System.out.println("probe done");
        System.out.flush();
        Runtime.getRuntime().halt(0); // the binding's native server thread keeps the JVM alive otherwise
    }
}
