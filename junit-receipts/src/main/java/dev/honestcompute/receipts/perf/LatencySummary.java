package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * Summary of per-iteration latencies in milliseconds. Percentiles use linear interpolation between closest ranks
 * (see {@code Percentiles}: type 7, numpy's default).
 */
public record LatencySummary(
        @JsonProperty("count") int count,
        @JsonProperty("min_ms") double minMs,
        @JsonProperty("max_ms") double maxMs,
        @JsonProperty("mean_ms") double meanMs,
        @JsonProperty("p50_ms") double p50Ms,
        @JsonProperty("p95_ms") double p95Ms) {

    static LatencySummary ofNanos(long[] nanos) {
        double[] ms = new double[nanos.length];
        double sum = 0;
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
            sum += ms[i];
        }
        Arrays.sort(ms);
        return new LatencySummary(ms.length, ms[0], ms[ms.length - 1], sum / ms.length,
                Percentiles.ofSorted(ms, 0.5), Percentiles.ofSorted(ms, 0.95));
    }
}
