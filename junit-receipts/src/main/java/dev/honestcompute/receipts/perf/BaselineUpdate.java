package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds baseline files from receipts: one file per test, each measurement's value the median over the runs (one
 * receipt = one run) of each run's median milliseconds per unit, plus the pooled samples for the bootstrap and the
 * host fingerprint. Give it the receipts of several runs (e.g. several copies of {@code target/receipts} under one
 * directory) for a stable median. The command-line form is {@link BaselineCli} ({@code baseline update}).
 *
 * <pre>{@code
 * BaselineUpdate.Result r = BaselineUpdate.update(Path.of("target/receipts"), Path.of("perf-baselines"));
 * }</pre>
 */
public final class BaselineUpdate {

    private BaselineUpdate() {
    }

    /** What an update did. */
    public record Result(List<Path> written, int receiptsRead, int receiptsWithoutPerformance) {
    }

    /**
     * Reads every {@code *.json} receipt under {@code from} and writes (atomically replaces) one baseline per test
     * into {@code to}.
     *
     * @throws BaselineException naming the file and field when a receipt cannot be used, when one test's receipts
     *                           come from different hosts, or when no receipt has a performance section
     */
    public static Result update(Path from, Path to) throws IOException {
        ReceiptPerformance.Scan scan = ReceiptPerformance.scan(from);
        Map<String, TestRuns> byTest = new TreeMap<>();
        for (ReceiptPerformance.Entry e : scan.entries()) {
            byTest.computeIfAbsent(e.testClass() + "#" + e.testMethod(), k -> new TestRuns(e.testClass(),
                    e.testMethod())).add(e);
        }
        if (byTest.isEmpty()) {
            throw new BaselineException("no receipt under " + from + " has a performance section ("
                    + scan.filesRead() + " JSON files read); nothing to baseline. Annotate the tests with "
                    + "@MeasurePerformance and @EmitsReceipt and run them first");
        }
        BaselineStore store = new BaselineStore(to);
        List<Path> written = new ArrayList<>();
        for (TestRuns runs : byTest.values()) {
            written.add(store.write(runs.toBaseline()));
        }
        return new Result(List.copyOf(written), scan.filesRead(), scan.filesWithoutPerformance());
    }

    /** All runs of one test, grouped by measurement. */
    private static final class TestRuns {
        final String testClass;
        final String testMethod;
        JsonNode host;
        String hostSource;
        final Map<String, List<double[]>> samplesByMeasurement = new LinkedHashMap<>();
        final Map<String, String> unitByMeasurement = new LinkedHashMap<>();

        TestRuns(String testClass, String testMethod) {
            this.testClass = testClass;
            this.testMethod = testMethod;
        }

        void add(ReceiptPerformance.Entry e) {
            String where = "receipt " + e.file() + " field '" + e.field() + "/host'";
            if (host == null) {
                host = e.host();
                hostSource = where;
            } else {
                List<String> diffs = Hosts.differences(e.host(), where, host, hostSource);
                if (!diffs.isEmpty()) {
                    throw new BaselineException("receipts for " + testClass + "#" + testMethod + " come from "
                            + "different hosts: " + hostSource + " vs " + where + " (" + String.join("; ", diffs)
                            + "); a baseline describes one host, so pass only that host's receipts");
                }
            }
            String known = unitByMeasurement.putIfAbsent(e.name(), e.unit());
            if (known != null && !known.equals(e.unit())) {
                throw new BaselineException("receipt " + e.file() + " field '" + e.field() + "/unit': '" + e.unit()
                        + "' but other runs of '" + e.name() + "' use '" + known + "'; a measurement keeps one unit");
            }
            samplesByMeasurement.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e.msPerUnit());
        }

        PerfBaseline toBaseline() {
            Map<String, BaselineMeasurement> out = new TreeMap<>();
            samplesByMeasurement.forEach((name, runs) -> {
                double[] medians = new double[runs.size()];
                List<Double> runMedians = new ArrayList<>();
                List<Double> pooled = new ArrayList<>();
                for (int r = 0; r < runs.size(); r++) {
                    medians[r] = Percentiles.median(runs.get(r));
                    runMedians.add(medians[r]);
                    for (double d : runs.get(r)) {
                        pooled.add(d);
                    }
                }
                out.put(name, new BaselineMeasurement(unitByMeasurement.get(name), BaselineMeasurement.METRIC,
                        runs.size(), Percentiles.median(medians), List.copyOf(runMedians), List.copyOf(pooled)));
            });
            return new PerfBaseline(PerfBaseline.FORMAT, testClass, testMethod, host.deepCopy(), out);
        }
    }
}
