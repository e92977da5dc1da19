package dev.honestcompute.parity.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kendall τ-b: known values, properties, and agreement with the O(n²) definition on random data with ties. */
class KendallTauTest {

    @Test
    void identicalIsOneAndReversedIsMinusOne() {
        double[] x = {0.3, -1, 4, 2.5, 7, 1e-9};
        double[] reversed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            reversed[i] = -x[i];
        }
        assertThat(KendallTau.tauB(x, x)).isEqualTo(1.0);
        assertThat(KendallTau.tauB(x, reversed)).isEqualTo(-1.0);
    }

    @Test
    void identicalWithTiesIsStillOne() {
        double[] x = {1, 2, 2, 3, 3, 3, 0};
        assertThat(KendallTau.tauB(x, x)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void handComputedTies() {
        // n0 = 6 pairs, one tied in x, none in y, five concordant: 5 / sqrt(5 * 6)
        assertThat(KendallTau.tauB(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}))
                .isCloseTo(5 / Math.sqrt(30), within(1e-15));
    }

    @Test
    void matchesScipyExample() {
        // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) -> -0.47140452079103173
        assertThat(KendallTau.tauB(new double[] {12, 2, 1, 12, 2}, new double[] {1, 4, 7, 1, 0}))
                .isCloseTo(-0.47140452079103173, within(1e-15));
    }

    @Test
    void negativeAndPositiveZeroTie() {
        assertThat(KendallTau.tauB(new double[] {-0.0, 0.0, 1}, new double[] {1, 2, 3}))
                .isEqualTo(KendallTau.tauB(new double[] {0.0, 0.0, 1}, new double[] {1, 2, 3}));
    }

    @Test
    void undefinedCasesAreNaN() {
        assertThat(KendallTau.tauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThat(KendallTau.tauB(new double[] {1, Double.NaN}, new double[] {1, 2})).isNaN();
        assertThat(KendallTau.tauB(new double[] {1}, new double[] {1})).isNaN();
    }

    @Test
    void agreesWithQuadraticDefinitionOnRandomDataWithTies() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(60);
            int levels = 1 + random.nextInt(8);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(levels);
                y[i] = random.nextInt(levels) + (random.nextBoolean() ? 0.5 * x[i] : 0);
            }
            double expected = bruteForce(x, y);
            double actual = KendallTau.tauB(x, y);
            if (Double.isNaN(expected)) {
                assertThat(actual).as("trial %d", trial).isNaN();
            } else {
                assertThat(actual).as("trial %d", trial).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void handlesLargeInputsWithoutOverflow() {
        int n = 200_000; // n(n-1)/2 exceeds the int range
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = n - i;
        }
        assertThat(KendallTau.tauB(x, x)).isEqualTo(1.0);
        assertThat(KendallTau.tauB(x, y)).isEqualTo(-1.0);
    }

    static double bruteForce(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiesXOnly = 0;
        long tiesYOnly = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double dx = Math.signum(x[i] - x[j]);
                double dy = Math.signum(y[i] - y[j]);
                if (dx == 0 && dy == 0) {
                    continue;
                } else if (dx == 0) {
                    tiesXOnly++;
                } else if (dy == 0) {
                    tiesYOnly++;
                } else if (dx == dy) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiesXOnly)
                * (concordant + discordant + tiesYOnly));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }
}
