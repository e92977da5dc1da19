package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One measurement's baseline. The compared metric is milliseconds per unit (per token/item) of each measured
 * iteration, so runs with different unit counts stay comparable; lower is better.
 *
 * @param unit                 what one unit is ("tokens")
 * @param metric               always {@code ms_per_unit}
 * @param runs                 how many receipts (test runs) were combined
 * @param medianMsPerUnit      median over the runs of each run's median ms per unit
 * @param runMediansMsPerUnit  each run's median, in the order the receipts were read
 * @param samplesMsPerUnit     every measured iteration of every run (pooled), for the bootstrap
 */
public record BaselineMeasurement(
        @JsonProperty("unit") String unit,
        @JsonProperty("metric") String metric,
        @JsonProperty("runs") int runs,
        @JsonProperty("median_ms_per_unit") double medianMsPerUnit,
        @JsonProperty("run_medians_ms_per_unit") List<Double> runMediansMsPerUnit,
        @JsonProperty("samples_ms_per_unit") List<Double> samplesMsPerUnit) {

    public static final String METRIC = "ms_per_unit";
}
