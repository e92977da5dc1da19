package dev.honestcompute.parity;

import static dev.honestcompute.parity.ParityAssertions.assertThatLogits;
import static dev.honestcompute.parity.ParityAssertions.assertThatTensor;
import static dev.honestcompute.parity.ParityAssertions.assertThatTokens;
import static dev.honestcompute.parity.ParityAssertions.assertThatVerdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.honestcompute.parity.metrics.Values;
import org.junit.jupiter.api.Test;

/** The fluent assertions: passing chains, and failure messages that point at the damage. */
class ParityAssertionsTest {

    private static float[] reference() {
        float[] r = new float[1000];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Math.sin(i * 0.1) * 4;
        }
        return r;
    }

    @Test
    void identicalLogitsPassEveryCheck() {
        float[] r = reference();
        assertThatLogits(r.clone()).isCloseTo(r).withCosineAtLeast(0.999).withNmseAtMost(5e-4)
                .withKendallTauBAtLeast(0.95).withSpearmanAtLeast(0.99).withTopKOverlapAtLeast(5, 1.0)
                .withSameArgmax().withKlDivergenceAtMost(1e-12).withMaxUlpsAtMost(0).withRmseAtMost(0)
                .withMaxAbsoluteDifferenceAtMost(0).withinTolerance(0, 0);
        assertThatLogits(r.clone()).isCloseTo(r, ToleranceProfile.QUANTIZED_VS_FP32);
        for (ToleranceProfile p : ToleranceProfile.builtIn()) {
            assertThatLogits(r.clone()).isCloseTo(r, p);
        }
    }

    @Test
    void oneValueOffByALittleIsReportedLikeTorchAssertClose() {
        float[] r = reference();
        float[] a = r.clone();
        a[17] += 1e-3f;
        assertThatThrownBy(() -> assertThatLogits(a).isCloseTo(r))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Logits are not close to the reference under fp32 (rtol 1.3e-06, atol 1e-05)")
                .hasMessageContaining("Mismatched elements: 1 / 1000 (0.1%)")
                .hasMessageContaining("Greatest absolute difference: 0.000999928 at index 17 (up to 1e-05 allowed)")
                .hasMessageContaining("Greatest relative difference: ")
                .hasMessageContaining("index 17: actual " + a[17] + ", reference " + r[17]);
    }

    @Test
    void zerosForPartOfTheOutputFailCosineAndNmseWithTheWorstElement() {
        float[] r = reference();
        float[] a = r.clone();
        java.util.Arrays.fill(a, 500, 1000, 0f);
        assertThatThrownBy(() -> assertThatLogits(a).comparedTo(r).withCosineAtLeast(0.99))
                .hasMessageContaining("Expected cosine similarity of logits and reference >= 0.99 but was 0.7")
                .hasMessageMatching("(?s).*Greatest absolute difference: 3\\.99\\d* at index (5\\d\\d|[6-9]\\d\\d) .*");
        assertThatThrownBy(() -> assertThatLogits(a).comparedTo(r).withNmseAtMost(5e-4))
                .hasMessageContaining("Expected NMSE of logits against reference <= 0.0005 but was ");
        assertThatThrownBy(() -> assertThatLogits(a).isCloseTo(r, ToleranceProfile.FP16))
                .hasMessageContaining("Mismatched elements: 500 / 1000 (50%)");
        assertThatThrownBy(() -> assertThatLogits(a).isCloseTo(r, ToleranceProfile.FP32_VS_FP32))
                .hasMessageContaining("Gate failed: cosine = 0.7")
                .hasMessageContaining("Gate failed: kendall_tau_b = ");
    }

    @Test
    void nanInTheActualNeverPasses() {
        float[] r = reference();
        float[] a = r.clone();
        a[3] = Float.NaN;
        assertThatThrownBy(() -> assertThatLogits(a).isCloseTo(r, ToleranceProfile.BF16.withAtol(1e6)))
                .hasMessageContaining("Logits and reference disagree on non-finite values")
                .hasMessageContaining("Non-finite mismatches: 1 (first at index 3: actual NaN, reference ");
        float[] withNan = r.clone();
        withNan[3] = Float.NaN;
        assertThatLogits(a).isCloseTo(withNan, ToleranceProfile.FP32.withEqualNan(true));
    }

    @Test
    void differentArgmaxNamesBothTokens() {
        assertThatThrownBy(() -> assertThatLogits(new float[] {1, 5, 4}).comparedTo(new float[] {1, 4, 5})
                .withSameArgmax())
                .hasMessage("Expected the same argmax (greedy token) but actual picks 1 (logit 5.0, reference has 4.0 "
                        + "there) and reference picks 2 (logit 5.0, actual has 4.0 there)");
    }

    @Test
    void lengthMismatchAndMissingReferenceAreClear() {
        assertThatThrownBy(() -> assertThatLogits(new float[3]).isCloseTo(new float[4]))
                .hasMessageContaining("Logits and reference must have the same number of elements, but actual has 3 "
                        + "and reference has 4");
        assertThatThrownBy(() -> assertThatLogits(new float[3]).withCosineAtLeast(0.9))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call comparedTo(reference) or isCloseTo(reference)");
        assertThatThrownBy(() -> assertThatLogits(new float[0]).isCloseTo(new float[0]))
                .hasMessageContaining("actual is empty");
    }

    @Test
    void tokensDivergenceNamesPositionAndBothTokens() {
        assertThatTokens(new int[] {1, 2, 3}).isSameSequenceAs(new int[] {1, 2, 3});
        assertThatThrownBy(() -> assertThatTokens(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                .isSameSequenceAs(new int[] {1, 2, 3, 4, 5, 60, 7, 8, 9}))
                .hasMessageContaining("Token sequences differ: first divergence at position 5: actual token 6, "
                        + "reference token 60")
                .hasMessageContaining("actual:    […, 3, 4, 5, >6<, 7, 8, 9]")
                .hasMessageContaining("reference: […, 3, 4, 5, >60<, 7, 8, 9]");
        assertThatThrownBy(() -> assertThatTokens(new int[] {1, 2}).isSameSequenceAs(new int[] {1, 2, 3}))
                .hasMessageContaining("actual ends at position 2")
                .hasMessageContaining("[1, 2, <end>]");
    }

    @Test
    void tensorsReportMultiDimensionalIndices() {
        float[] r = new float[2 * 8];
        float[] a = r.clone();
        a[15] = 1;
        assertThatThrownBy(() -> assertThatTensor(a, 2, 8).isCloseTo(r))
                .hasMessageContaining("Tensor[2, 8] is not close to the reference under ")
                .hasMessageContaining("at index [1, 7]");
        assertThatTensor(a, 2, 8).hasShape(2, 8);
        assertThatThrownBy(() -> assertThatTensor(a, 2, 8).hasShape(4, 4))
                .hasMessageContaining("Expected tensor shape [4, 4] but was [2, 8]");
        assertThatThrownBy(() -> assertThatTensor(a, 3, 8))
                .hasMessageContaining("shape [3, 8] holds 24 elements but the data has 16");
    }

    @Test
    void verdictAssertionListsEveryMetric() {
        ParityVerdict v = ParityEvaluator.logits(ToleranceProfile.LOGITS_COSINE, Values.of(new float[] {1, 0}),
                Values.of(new float[] {0, 1}));
        assertThatThrownBy(() -> assertThatVerdict(v).hasPassed())
                .hasMessageContaining("Parity verdict for profile logits-cosine: FAILED")
                .hasMessageContaining("cosine = 0 (>= 0.99) FAILED");
    }

    @Test
    void softAssertionsCollectEveryFailureInAChain() {
        ParitySoftAssertions softly = new ParitySoftAssertions();
        softly.assertThatLogits(new float[] {1, 2, 3}).comparedTo(new float[] {3, 2, 1}).withCosineAtLeast(0.99)
                .withSameArgmax();
        softly.assertThatTokens(new int[] {1}).isSameSequenceAs(new int[] {2});
        softly.assertThatTensor(new float[] {1, 2}, 1, 2).isCloseTo(new float[] {1, 2});
        assertThat(softly.errorsCollected()).hasSize(3);
        assertThatThrownBy(softly::assertAll)
                .hasMessageContaining("cosine similarity")
                .hasMessageContaining("same argmax")
                .hasMessageContaining("Token sequences differ");
    }

    @Test
    void profilesByNameAndOverrides() {
        assertThat(ToleranceProfile.named("FP32")).isSameAs(ToleranceProfile.FP32);
        assertThat(ToleranceProfile.FP32.rtol()).isEqualTo(1.3e-6);
        assertThat(ToleranceProfile.FP16.rtol()).isEqualTo(1e-3);
        assertThat(ToleranceProfile.BF16.rtol()).isEqualTo(1.6e-2);
        assertThat(ToleranceProfile.BF16.atol()).isEqualTo(1e-5);
        assertThat(ToleranceProfile.QUANTIZED_VS_FP32.minKendallTauB()).isEqualTo(0.60);
        assertThat(ToleranceProfile.QUANTIZED_VS_FP32.maxAbsDeltaNll()).isEqualTo(2e-2);
        assertThat(ToleranceProfile.FP32_VS_FP32.minKendallTauB()).isEqualTo(0.95);
        assertThat(ToleranceProfile.FP32_VS_FP32.maxAbsDeltaNll()).isEqualTo(1e-2);
        assertThat(ToleranceProfile.LLAMA_CPP_MUL_MAT.maxNmse()).isEqualTo(5e-4);
        ToleranceProfile p = ToleranceProfile.FP16.withAtol(1e-4).withRtol(2e-3).withAtol(1e-3);
        assertThat(p.name()).isEqualTo("fp16 (overridden: atol, rtol)");
        assertThat(p.describe()).isEqualTo("fp16 (overridden: atol, rtol) (rtol 0.002, atol 0.001)");
        assertThatThrownBy(() -> ToleranceProfile.named("fp8"))
                .hasMessageContaining("unknown tolerance profile 'fp8'; built-in profiles are [fp32, fp16, bf16");
        assertThatThrownBy(() -> ToleranceProfile.FP32.withCosineAtLeast(2))
                .hasMessageContaining("minCosine must be in [-1.0, 1.0], but was 2.0");
    }
}
