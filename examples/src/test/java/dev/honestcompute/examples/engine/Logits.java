package dev.honestcompute.examples.engine;

/** Small comparisons over logit vectors for the engine tests. */
final class Logits {

    private Logits() {
    }

    /** Cosine similarity; NaN anywhere makes it NaN (which fails any {@code >=} check). */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * Description of the worst element outside {@code atol + rtol*|expected|}, or {@code null} when all are close.
     * NaN in either array counts as a mismatch.
     */
    static String firstMismatch(float[][] actual, float[][] expected, double atol, double rtol) {
        int mismatches = 0;
        int total = 0;
        double worst = -1;
        String where = null;
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < expected[t].length; i++) {
                total++;
                double diff = Math.abs((double) actual[t][i] - expected[t][i]);
                boolean bad = Double.isNaN(diff) || diff > atol + rtol * Math.abs(expected[t][i]);
                if (bad) {
                    mismatches++;
                    double d = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
                    if (d > worst) {
                        worst = d;
                        where = "position " + t + ", logit " + i + ": actual " + actual[t][i] + ", expected "
                                + expected[t][i];
                    }
                }
            }
        }
        return mismatches == 0 ? null
                : "Mismatched elements: " + mismatches + " / " + total + "; greatest absolute difference " + worst
                        + " at " + where;
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        double m = 0;
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                m = Math.max(m, Math.abs((double) a[t][i] - b[t][i]));
            }
        }
        return m;
    }
}
