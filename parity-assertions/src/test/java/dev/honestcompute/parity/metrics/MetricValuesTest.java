package dev.honestcompute.parity.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Metric values against cases computed by hand (or taken from SciPy's documentation). */
class MetricValuesTest {

    @Test
    void cosineOfHandComputedVectors() {
        // 32 / (sqrt(14) * sqrt(77))
        assertThat(CosineSimilarity.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}))
                .isCloseTo(32 / (Math.sqrt(14) * Math.sqrt(77)), within(1e-15));
        assertThat(CosineSimilarity.of(new float[] {1, 0}, new float[] {0, 1})).isZero();
        assertThat(CosineSimilarity.of(new float[] {1, 2}, new float[] {-1, -2})).isCloseTo(-1.0, within(1e-15));
        assertThat(CosineSimilarity.of(new float[] {0, 0}, new float[] {0, 0})).isEqualTo(1.0);
        assertThat(CosineSimilarity.of(new float[] {0, 0}, new float[] {0, 1})).isZero();
    }

    @Test
    void nmseDividesByTheActualOutputLikeLlamaCpp() {
        assertThat(Nmse.of(new double[] {1, 2}, new double[] {1, 3})).isEqualTo(1.0 / 5);
        assertThat(Nmse.of(new double[] {1, 3}, new double[] {1, 2})).isEqualTo(1.0 / 10);
        assertThat(Nmse.of(new double[] {0, 0}, new double[] {0, 0})).isZero();
        assertThat(Nmse.of(new double[] {0, 0}, new double[] {0, 1})).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void rmseAndMaxErrors() {
        assertThat(Rmse.of(new double[] {1, 2, 3}, new double[] {1, 2, 5})).isCloseTo(Math.sqrt(4.0 / 3), within(1e-15));
        ElementError abs = MaxError.absolute(new double[] {1, 2.5, 10}, new double[] {1, 2, 11});
        assertThat(abs).isEqualTo(new ElementError(1.0, 2, 10, 11));
        ElementError rel = MaxError.relative(new double[] {1, 2.5, 10}, new double[] {1, 2, 11});
        assertThat(rel).isEqualTo(new ElementError(0.25, 1, 2.5, 2));
        assertThat(MaxError.relative(new double[] {1, 0}, new double[] {1, 0}).value()).isZero();
        assertThat(MaxError.relative(new double[] {1, 1e-9}, new double[] {1, 0}).value())
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void accumulatesInDoubleNotFloat() {
        // squared errors 4096² = 2^24, 1, 1: a float accumulator stays at 2^24, a double reaches 2^24 + 2
        float[] actual = {4096f, 1f, 1f};
        float[] reference = {0f, 0f, 0f};
        assertThat(Rmse.of(actual, reference)).isEqualTo(Math.sqrt((16777216.0 + 2) / 3));
        assertThat(Nmse.of(reference.clone(), reference)).isZero();
    }

    @Test
    void allcloseCountsMismatchesAndOrdersTheWorst() {
        double[] actual = {1, 1.1, 5, 2.0001, 7};
        double[] reference = {1, 1, 1, 2, 7};
        AllcloseResult r = Allclose.compare(Values.of(actual), Values.of(reference), 0.0, 0.05, false, 5);
        assertThat(r.total()).isEqualTo(5);
        assertThat(r.mismatched()).isEqualTo(2);
        assertThat(r.mismatchRatio()).isEqualTo(0.4);
        assertThat(r.passed()).isFalse();
        assertThat(r.worst()).extracting(ElementMismatch::index).containsExactly(2, 1);
        assertThat(r.worst().get(0).absoluteDifference()).isEqualTo(4.0);
        assertThat(r.worst().get(0).allowed()).isEqualTo(0.05);
        assertThat(r.greatestAbsolute().index()).isEqualTo(2);
        assertThat(r.greatestRelative().index()).isEqualTo(2);
        assertThat(r.greatestRelative().value()).isEqualTo(4.0);
    }

    @Test
    void allcloseUsesAtolPlusRtolTimesReference() {
        // allowed = 1e-5 + 1.3e-6 * 100 = 1.4e-4
        AllcloseResult inside = Allclose.compare(Values.of(new double[] {100.00013}), Values.of(new double[] {100}),
                1.3e-6, 1e-5, false, 1);
        assertThat(inside.passed()).isTrue();
        AllcloseResult outside = Allclose.compare(Values.of(new double[] {100.00015}), Values.of(new double[] {100}),
                1.3e-6, 1e-5, false, 1);
        assertThat(outside.passed()).isFalse();
        // tolerance scales with the reference, not the actual: 0 vs 100 and 100 vs 0 differ
        assertThat(Allclose.compare(Values.of(new double[] {0}), Values.of(new double[] {100}), 1.0, 0, false, 1)
                .passed()).isTrue();
        assertThat(Allclose.compare(Values.of(new double[] {100}), Values.of(new double[] {0}), 1.0, 0, false, 1)
                .passed()).isFalse();
    }

    @Test
    void allcloseGreatestDifferencesMatchMaxErrorOnRandomData() {
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + random.nextInt(50);
            double[] a = new double[n];
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextInt(4) == 0 ? 0 : random.nextGaussian();
                a[i] = random.nextInt(3) == 0 ? r[i] : r[i] + random.nextGaussian() * 1e-3;
                if (random.nextInt(40) == 0) {
                    a[i] = random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
                }
            }
            AllcloseResult c = Allclose.compare(Values.of(a), Values.of(r), 1e-4, 1e-5, false, 3);
            assertThat(c.greatestAbsolute()).as("trial %d", trial).isEqualTo(MaxError.absolute(a, r));
            assertThat(c.greatestRelative()).as("trial %d", trial).isEqualTo(MaxError.relative(a, r));
            int expected = 0;
            for (int i = 0; i < n; i++) {
                expected += Math.abs(a[i] - r[i]) <= 1e-5 + 1e-4 * Math.abs(r[i]) ? 0 : 1; // NaN: not <=, counted
            }
            assertThat(c.mismatched()).as("trial %d", trial).isEqualTo(expected);
        }
        AllcloseResult zeros = Allclose.compare(Values.of(new double[] {0, 0}), Values.of(new double[] {0, 0}), 0, 0,
                false, 1);
        assertThat(zeros.greatestRelative()).isEqualTo(new ElementError(0, 0, 0, 0));
        assertThat(zeros.greatestAbsolute()).isEqualTo(new ElementError(0, 0, 0, 0));
    }

    @Test
    void allcloseKeepsOnlyTheRequestedNumberOfWorstElements() {
        double[] actual = new double[100];
        double[] reference = new double[100];
        for (int i = 0; i < 100; i++) {
            actual[i] = i; // difference i from 0
        }
        AllcloseResult r = Allclose.compare(Values.of(actual), Values.of(reference), 0, 0.5, false, 3);
        assertThat(r.mismatched()).isEqualTo(99);
        assertThat(r.worst()).extracting(ElementMismatch::index).containsExactly(99, 98, 97);
    }

    @Test
    void ulpDistanceInTheDataPrecision() {
        assertThat(UlpDistance.max(new float[] {1f}, new float[] {Math.nextUp(1f)}).ulps()).isEqualTo(1);
        assertThat(UlpDistance.max(new float[] {0f}, new float[] {-0f}).ulps()).isZero();
        assertThat(UlpDistance.max(new float[] {-Float.MIN_VALUE}, new float[] {Float.MIN_VALUE}).ulps()).isEqualTo(2);
        assertThat(UlpDistance.max(new double[] {1.0}, new double[] {Math.nextUp(Math.nextUp(1.0))}).ulps())
                .isEqualTo(2);
        UlpDistance d = UlpDistance.max(new float[] {1f, 2f, 3f}, new float[] {1f, Math.nextUp(Math.nextUp(2f)), 3f});
        assertThat(d.index()).isEqualTo(1);
        assertThat(d.ulps()).isEqualTo(2);
        assertThat(UlpDistance.max(new double[] {-Double.MAX_VALUE}, new double[] {Double.MAX_VALUE}).ulps())
                .isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> UlpDistance.max(Values.of(new float[] {1}), Values.of(new double[] {1}), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual is float and reference is double");
    }

    @Test
    void klDivergenceOfSoftmaxedLogits() {
        // P = softmax([0, 0]) = (1/2, 1/2); Q = softmax([ln 3, 0]) = (3/4, 1/4); KL(P||Q) = ln(4/3) / 2
        assertThat(KlDivergence.ofLogits(new double[] {Math.log(3), 0}, new double[] {0, 0}))
                .isCloseTo(0.5 * Math.log(4.0 / 3), within(1e-15));
        assertThat(KlDivergence.ofLogits(new float[] {1, 2, 3}, new float[] {1, 2, 3})).isZero();
        // shift invariance of softmax
        assertThat(KlDivergence.ofLogits(new double[] {11, 12, 13}, new double[] {1, 2, 3})).isCloseTo(0, within(1e-15));
        // a masked actual token where the reference has mass: infinite divergence
        assertThat(KlDivergence.ofLogits(new double[] {Double.NEGATIVE_INFINITY, 0}, new double[] {0, 0}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        // reference probability underflowing to 0 against a masked actual token is 0·log(0/0) = 0, not NaN
        assertThat(KlDivergence.ofLogits(new double[] {0, Double.NEGATIVE_INFINITY}, new double[] {0, -1000}))
                .isCloseTo(0, within(1e-300));
        assertThat(KlDivergence.ofLogits(new double[] {Double.NaN, 0}, new double[] {0, 0})).isNaN();
    }

    @Test
    void topKOverlapAndArgmax() {
        float[] a = {5, 4, 3, 2, 1};
        float[] r = {5, 3, 4, 1, 2};
        assertThat(TopK.indices(Values.of(a), 2)).containsExactly(0, 1);
        assertThat(TopK.indices(Values.of(r), 3)).containsExactly(0, 2, 1);
        assertThat(TopK.overlap(a, r, 2)).isEqualTo(0.5);
        assertThat(TopK.overlap(a, r, 3)).isEqualTo(1.0);
        assertThat(Argmax.of(Values.of(r))).isZero();
        assertThat(Argmax.agree(a, r)).isTrue();
        assertThat(Argmax.agree(new float[] {1, 2}, new float[] {2, 1})).isFalse();
        // ties go to the lower index; a NaN ranks first so it surfaces instead of hiding
        assertThat(Argmax.of(Values.of(new float[] {1, 3, 3}))).isEqualTo(1);
        assertThat(Argmax.of(Values.of(new float[] {1, Float.NaN, 3}))).isEqualTo(1);
        assertThatThrownBy(() -> TopK.indices(Values.of(a), 6)).hasMessageContaining("k is 6 and there are 5 values");
    }

    @Test
    void topKMatchesAFullSortOnRandomData() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(200);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(20); // many ties
            }
            int k = 1 + random.nextInt(n);
            int[] expected = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((x, y) -> v[x] != v[y] ? Double.compare(v[y], v[x]) : Integer.compare(x, y))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(TopK.indices(Values.of(v), k)).containsExactly(expected);
        }
    }

    @Test
    void spearmanMatchesScipyExample() {
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) -> 0.8207826816681233
        assertThat(Spearman.rho(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}))
                .isCloseTo(0.8207826816681233, within(1e-12));
        assertThat(Spearman.rho(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1.0);
        assertThat(Spearman.rho(new double[] {1, 1, 1}, new double[] {3, 2, 1})).isNaN();
    }

    @Test
    void sequenceNllAndPerplexity() {
        double[][] uniform = {{0, 0}};
        SequenceNll one = SequenceNll.of(uniform, new int[] {1});
        assertThat(one.meanNll()).isCloseTo(Math.log(2), within(1e-15));
        assertThat(one.perplexity()).isCloseTo(2.0, within(1e-12));
        // row 1: softmax([ln 3, 0]) gives token 0 probability 3/4
        SequenceNll two = SequenceNll.of(new double[][] {{0, 0}, {Math.log(3), 0}}, new int[] {0, 0});
        assertThat(two.meanNll()).isCloseTo(0.5 * Math.log(8.0 / 3), within(1e-15));
        assertThat(two.perplexity()).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
        assertThat(two.positions()).isEqualTo(2);
        float[][] sure = {{0, 10}, {0, 10}};
        float[][] unsure = {{0, 1}, {0, 1}};
        assertThat(SequenceNll.delta(unsure, sure, new int[] {1, 1})).isPositive();
        assertThat(SequenceNll.delta(sure, sure, new int[] {1, 1})).isZero();
    }

    @Test
    void sequenceNllRejectsMisalignedInput() {
        assertThatThrownBy(() -> SequenceNll.of(new double[][] {{0, 0}}, new int[] {0, 1}))
                .hasMessageContaining("logits has 1 rows and tokens has 2 entries");
        assertThatThrownBy(() -> SequenceNll.of(new double[][] {{0, 0}}, new int[] {2}))
                .hasMessageContaining("tokens[0] = 2 is outside the vocabulary of logits[0] (size 2)");
        assertThatThrownBy(() -> SequenceNll.of(new double[][] {}, new int[] {}))
                .hasMessageContaining("tokens is empty");
    }

    @Test
    void firstDivergenceOfTokenSequences() {
        assertThat(TokenDivergence.first(new int[] {1, 2, 3}, new int[] {1, 2, 3})).isEmpty();
        TokenDivergence d = TokenDivergence.first(new int[] {1, 2, 9, 4}, new int[] {1, 2, 3, 4}).orElseThrow();
        assertThat(d.position()).isEqualTo(2);
        assertThat(d.actualToken()).isEqualTo(9);
        assertThat(d.referenceToken()).isEqualTo(3);
        assertThat(d.describe()).isEqualTo("first divergence at position 2: actual token 9, reference token 3");
        TokenDivergence shorter = TokenDivergence.first(new int[] {1, 2}, new int[] {1, 2, 3}).orElseThrow();
        assertThat(shorter.describe()).isEqualTo(
                "actual ends at position 2 (2 tokens) where reference continues with token 3 (3 tokens)");
        TokenDivergence longer = TokenDivergence.first(new int[] {1, 2, 3}, new int[] {1, 2}).orElseThrow();
        assertThat(longer.describe()).isEqualTo(
                "actual continues with token 3 at position 2 (3 tokens) where reference ends (2 tokens)");
        assertThatThrownBy(() -> TokenDivergence.first(new int[] {1}, new int[0]))
                .hasMessageContaining("reference tokens is empty");
    }
}
