package dev.honestcompute.parity.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NaN and infinity rules (never repeat Apex-X's {@code NaN > x}), empty inputs and length mismatches. */
class NonFiniteAndBadInputTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void nanWhereTheReferenceHasNoneIsAMismatchUnderAnyTolerance() {
        AllcloseResult r = Allclose.compare(Values.of(new double[] {1, NAN}), Values.of(new double[] {1, 2}),
                1e9, 1e9, false, 5);
        assertThat(r.passed()).isFalse();
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.nonFiniteMismatches()).isEqualTo(1);
        assertThat(r.worst().get(0).isNonFinite()).isTrue();
        assertThat(r.greatestAbsolute().index()).isEqualTo(1);
        assertThat(r.greatestAbsolute().value()).isNaN();
        assertThat(CosineSimilarity.of(new double[] {1, NAN}, new double[] {1, 2})).isNaN();
        assertThat(Nmse.of(new double[] {1, NAN}, new double[] {1, 2})).isNaN();
        assertThat(Rmse.of(new double[] {1, NAN}, new double[] {1, 2})).isNaN();
        assertThat(MaxError.absolute(new double[] {1, NAN}, new double[] {1, 2}).value()).isNaN();
        assertThat(UlpDistance.max(new double[] {1, NAN}, new double[] {1, 2}).ulps()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void nanInTheReferenceOnlyIsAlsoAMismatch() {
        assertThat(Allclose.compare(Values.of(new double[] {1}), Values.of(new double[] {NAN}), 1, 1, false, 1)
                .passed()).isFalse();
    }

    @Test
    void nanMatchesNanOnlyWhenAsked() {
        Values a = Values.of(new double[] {1, NAN});
        Values r = Values.of(new double[] {1, NAN});
        assertThat(Allclose.compare(a, r, 0, 0, false, 1).passed()).isFalse();
        assertThat(Allclose.compare(a, r, 0, 0, true, 1).passed()).isTrue();
        assertThat(CosineSimilarity.of(a, r, true)).isEqualTo(1.0);
        assertThat(NonFiniteMismatch.first(a, r, false)).isPresent();
        assertThat(NonFiniteMismatch.first(a, r, true)).isEmpty();
    }

    @Test
    void infinitiesMatchOnlyWithTheSameSign() {
        assertThat(Allclose.compare(Values.of(new double[] {INF, -INF}), Values.of(new double[] {INF, -INF}), 0, 0,
                false, 1).passed()).isTrue();
        AllcloseResult opposite = Allclose.compare(Values.of(new double[] {INF}), Values.of(new double[] {-INF}), 1, 1,
                false, 1);
        assertThat(opposite.passed()).isFalse();
        assertThat(opposite.nonFiniteMismatches()).isEqualTo(1);
        assertThat(Allclose.compare(Values.of(new double[] {INF}), Values.of(new double[] {1e308}), 1, 1, false, 1)
                .passed()).isFalse();
        NonFiniteMismatch m = NonFiniteMismatch.first(Values.of(new double[] {0, 1, INF, NAN}),
                Values.of(new double[] {0, 1, -INF, 3}), false).orElseThrow();
        assertThat(m.index()).isEqualTo(2);
        assertThat(m.count()).isEqualTo(2);
        assertThat(MaxError.absolute(new double[] {INF, 1}, new double[] {INF, 1.5}).value()).isEqualTo(0.5);
    }

    @Test
    void emptyInputsAreClearErrors() {
        assertThatThrownBy(() -> CosineSimilarity.of(new float[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actual is empty (0 elements); a parity metric needs at least one element");
        assertThatThrownBy(() -> KendallTau.tauB(new double[0], new double[0])).hasMessageContaining("x is empty");
        assertThatThrownBy(() -> Argmax.of(Values.of(new float[0]))).hasMessageContaining("values is empty");
        assertThatThrownBy(() -> LogSoftmax.of(Values.of(new double[0]))).hasMessageContaining("logits is empty");
    }

    @Test
    void lengthMismatchesAreClearErrors() {
        assertThatThrownBy(() -> Nmse.of(new float[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actual and reference must have the same length, but actual has 3 elements and reference "
                        + "has 4; compare outputs of the same shape");
        assertThatThrownBy(() -> Spearman.rho(new double[2], new double[1])).hasMessageContaining("x has 2 elements");
        assertThatThrownBy(() -> TopK.overlap(new float[2], new float[1], 1)).hasMessageContaining("same length");
        assertThatThrownBy(() -> Allclose.compare(Values.of(new float[1]), Values.of(new float[1]), -1, 0, false, 1))
                .hasMessageContaining("rtol must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> CosineSimilarity.of((float[]) null, new float[1]))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("float[]");
    }
}
