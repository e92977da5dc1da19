package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A test's performance baseline file ({@code <baselines>/<test class>/<test method>.json}), generated from receipts by
 * {@link BaselineUpdate}; never written by hand.
 *
 * <pre>{@code
 * {"format":"honestcompute-perf-baseline/1","test_class":"com.acme.GenerateTest","test_method":"generates",
 *  "host":{"cpu_model":"...","logical_cores":8,"os_name":"Linux","os_arch":"amd64","java_feature_version":21},
 *  "measurements":{"generate-32":{"unit":"tokens","metric":"ms_per_unit","runs":3,"median_ms_per_unit":1.9,
 *                  "run_medians_ms_per_unit":[1.8,1.9,2.0],"samples_ms_per_unit":[...]}}}
 * }</pre>
 */
public record PerfBaseline(
        @JsonProperty("format") String format,
        @JsonProperty("test_class") String testClass,
        @JsonProperty("test_method") String testMethod,
        @JsonProperty("host") JsonNode host,
        @JsonProperty("measurements") Map<String, BaselineMeasurement> measurements) {

    public static final String FORMAT = "honestcompute-perf-baseline/1";
}
