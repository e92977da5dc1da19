package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test helper: baseline files and receipts with chosen samples. */
final class Baselines {

    private Baselines() {
    }

    /** Writes a baseline for one measurement with the given ms-per-unit samples and host. */
    static Path write(Path dir, String testClass, String method, String measurement, String unit, JsonNode host,
                      double... msPerUnit) throws IOException {
        List<Double> samples = Arrays.stream(msPerUnit).boxed().toList();
        BaselineMeasurement m = new BaselineMeasurement(unit, BaselineMeasurement.METRIC, 1,
                Percentiles.median(msPerUnit), List.of(Percentiles.median(msPerUnit)), samples);
        return new BaselineStore(dir).write(new PerfBaseline(PerfBaseline.FORMAT, testClass, method, host,
                Map.of(measurement, m)));
    }

    /** The current host with one compared key changed. */
    static ObjectNode otherHost() {
        ObjectNode h = Hosts.current();
        h.put("logical_cores", 999);
        return h;
    }

    /** A receipt (as @EmitsReceipt would write it) whose performance section holds {@code measurements}. */
    static ObjectNode receipt(String testClass, String method, List<Measurement> measurements) {
        ObjectNode r = ReceiptJson.mapper().createObjectNode();
        r.put("schema_version", "1.0.0");
        ObjectNode test = r.putObject("test");
        test.put("unique_id", "[engine:junit-jupiter]/[class:" + testClass + "]/[method:" + method + "()]");
        test.put("class", testClass);
        test.put("method", method);
        test.put("status", "passed");
        r.set("performance", ReceiptJson.mapper().valueToTree(PerformanceReport.of(measurements, List.of(),
                RegressionPolicy.defaults(), "perf-baselines", List.of())));
        return r;
    }
}
