package dev.honestcompute.parity.metrics;

/** Short printable form of a vector: large logit vectors must not flood a failure message. */
final class ValuesText {

    private static final int SHOWN = 8;

    private ValuesText() {}

    static String summary(Values v) {
        StringBuilder sb = new StringBuilder(v.isSinglePrecision() ? "float[" : "double[").append(v.length()).append("] [");
        int shown = Math.min(SHOWN, v.length());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(v.format(i));
        }
        if (v.length() > shown) {
            sb.append(", …");
        }
        return sb.append(']').toString();
    }
}
