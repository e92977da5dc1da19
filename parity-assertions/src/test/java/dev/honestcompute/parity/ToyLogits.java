package dev.honestcompute.parity;

/** A deterministic toy "engine": logits of position i are a smooth function of the tokens so far. */
final class ToyLogits {

    static final int VOCAB = 97;

    private ToyLogits() {}

    static float[][] of(int[] tokens) {
        float[][] out = new float[tokens.length][VOCAB];
        double state = 0;
        for (int p = 0; p < tokens.length; p++) {
            state = 0.7 * state + tokens[p] * 0.013;
            for (int v = 0; v < VOCAB; v++) {
                out[p][v] = (float) (3 * Math.sin(0.37 * v + state) + Math.cos(0.11 * v * (p + 1)));
            }
        }
        return out;
    }
}
