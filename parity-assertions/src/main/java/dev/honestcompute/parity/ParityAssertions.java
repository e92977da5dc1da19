package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Values;

/**
 * The one entry point for parity assertions.
 *
 * <pre>{@code
 * import static dev.honestcompute.parity.ParityAssertions.*;
 *
 * assertThatLogits(actual).isCloseTo(reference).withCosineAtLeast(0.999).withNmseAtMost(5e-4);
 * assertThatLogits(q4).isCloseTo(reference, ToleranceProfile.QUANTIZED_VS_FP32);
 * assertThatTokens(engineTokens).isSameSequenceAs(referenceTokens);
 * assertThatTensor(hidden, 4, 64).isCloseTo(referenceHidden, ToleranceProfile.FP16);
 * }</pre>
 *
 * <p>For soft assertions use {@link ParitySoftAssertions} (works with AssertJ's {@code SoftAssertionsExtension}).
 */
public final class ParityAssertions {

    private ParityAssertions() {}

    public static LogitsAssert assertThatLogits(float[] actual) {
        return new LogitsAssert(actual == null ? null : Values.of(actual));
    }

    public static LogitsAssert assertThatLogits(double[] actual) {
        return new LogitsAssert(actual == null ? null : Values.of(actual));
    }

    public static TokensAssert assertThatTokens(int[] actual) {
        return new TokensAssert(actual);
    }

    /** A row-major tensor of the given shape (the product of {@code shape} must equal {@code data.length}). */
    public static TensorAssert assertThatTensor(float[] data, int... shape) {
        return new TensorAssert(data == null ? null : new Tensor(Values.of(data), shape));
    }

    public static TensorAssert assertThatTensor(double[] data, int... shape) {
        return new TensorAssert(data == null ? null : new Tensor(Values.of(data), shape));
    }

    public static VerdictAssert assertThatVerdict(ParityVerdict verdict) {
        return new VerdictAssert(verdict);
    }
}
