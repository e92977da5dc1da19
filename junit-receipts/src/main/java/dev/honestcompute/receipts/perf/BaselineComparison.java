package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How one measurement compares with its baseline; goes into the receipt and the run summary.
 *
 * @param measurement    the measurement's name
 * @param verdict        ok / improved / regression / not-comparable / no-baseline
 * @param ratio          median(current ms per unit) / baseline median; &gt; 1 is slower ({@code null} without baseline)
 * @param ciLow          lower bound of the bootstrap confidence interval of the ratio (= ratio when not bootstrapped)
 * @param ciHigh         upper bound
 * @param bootstrapped   whether a confidence interval was computed (at least one side had &gt;= 3 samples)
 * @param threshold      the policy's threshold
 * @param gating         whether this verdict fails the build ({@code true} only for a regression under a gating policy)
 * @param baselineFile   the baseline file consulted
 * @param hostDifferences compared host keys that differ
 * @param message        one readable sentence for logs, summary and report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BaselineComparison(
        @JsonProperty("measurement") String measurement,
        @JsonProperty("verdict") PerfVerdict verdict,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("ci_low") Double ciLow,
        @JsonProperty("ci_high") Double ciHigh,
        @JsonProperty("bootstrapped") boolean bootstrapped,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("gating") boolean gating,
        @JsonProperty("baseline_file") String baselineFile,
        @JsonProperty("host_differences") List<String> hostDifferences,
        @JsonProperty("message") String message) {

    /** Whether the build must fail: a regression under a gating policy. */
    public boolean failsBuild() {
        return gating;
    }
}
