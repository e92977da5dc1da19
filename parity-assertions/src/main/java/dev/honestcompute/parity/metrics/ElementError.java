package dev.honestcompute.parity.metrics;

/**
 * The worst element for one error measure: where it is and how large.
 *
 * @param value     the error (absolute or relative); NaN for a pair that fails the NaN/infinity rules
 * @param index     element index of the worst pair
 * @param actual    actual value there
 * @param reference reference value there
 */
public record ElementError(double value, int index, double actual, double reference) {}
