package dev.honestcompute.parity;

import dev.honestcompute.parity.metrics.Values;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Soft variant of {@link ParityAssertions}: failures are collected and reported together by
 * {@link #assertAll()}, including failures inside a {@code with…} chain.
 *
 * <pre>{@code
 * ParitySoftAssertions softly = new ParitySoftAssertions();
 * softly.assertThatLogits(actual).isCloseTo(reference).withCosineAtLeast(0.999);
 * softly.assertThatTokens(tokens).isSameSequenceAs(referenceTokens);
 * softly.assertAll();
 * }</pre>
 *
 * <p>Also injectable with AssertJ's {@code @ExtendWith(SoftAssertionsExtension.class)} and
 * {@code @InjectSoftAssertions ParitySoftAssertions softly;}.
 */
public class ParitySoftAssertions extends AbstractSoftAssertions {

    public LogitsAssert assertThatLogits(float[] actual) {
        return proxy(LogitsAssert.class, Values.class, actual == null ? null : Values.of(actual));
    }

    public LogitsAssert assertThatLogits(double[] actual) {
        return proxy(LogitsAssert.class, Values.class, actual == null ? null : Values.of(actual));
    }

    public TokensAssert assertThatTokens(int[] actual) {
        return proxy(TokensAssert.class, int[].class, actual);
    }

    public TensorAssert assertThatTensor(float[] data, int... shape) {
        return proxy(TensorAssert.class, Tensor.class, data == null ? null : new Tensor(Values.of(data), shape));
    }

    public TensorAssert assertThatTensor(double[] data, int... shape) {
        return proxy(TensorAssert.class, Tensor.class, data == null ? null : new Tensor(Values.of(data), shape));
    }

    public VerdictAssert assertThatVerdict(ParityVerdict verdict) {
        return proxy(VerdictAssert.class, ParityVerdict.class, verdict);
    }
}
