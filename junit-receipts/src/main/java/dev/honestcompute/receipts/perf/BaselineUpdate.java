package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code baseline update --from target/receipts --to perf-baselines/}: builds one baseline file per test from every
 * receipt found (recursively) under {@code --from}; give it the receipts of several runs (e.g. several
 * {@code target/receipts} copies under one directory) and each measurement's baseline is the median over the runs.
 *
 * <p>What it reads from a receipt (LEAD: align these pointers with the receipt model when merging):
 * the test's class at {@value #TEST_CLASS_POINTER}, its method at {@value #TEST_METHOD_POINTER}, and the
 * measurements at {@value #PERFORMANCE_POINTER} — an array of {@link PerformanceSection} objects (or an object
 * whose {@code measurements} field is that array). Receipts without a performance section are skipped and counted.
 *
 * <pre>{@code
 * int exit = BaselineUpdate.run(new String[] {"update", "--from", "target/receipts", "--to", "perf-baselines"},
 *         System.out, System.err);
 * }</pre>
 */
public final class BaselineUpdate {

    public static final String TEST_CLASS_POINTER = "/test/class";
    public static final String TEST_METHOD_POINTER = "/test/method";
    public static final String PERFORMANCE_POINTER = "/performance";

    private BaselineUpdate() {
    }

    /** What an update did. */
    public record Result(List<Path> written, int receiptsRead, int receiptsWithoutPerformance) {
    }

    /** CLI entry: exit 0 on success, 2 on bad arguments or bad input (message on {@code err}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path from = null;
        Path to = null;
        if (args.length == 5 && args[0].equals("update")) {
            for (int i = 1; i < 5; i += 2) {
                switch (args[i]) {
                    case "--from" -> from = Path.of(args[i + 1]);
                    case "--to" -> to = Path.of(args[i + 1]);
                    default -> { }
                }
            }
        }
        if (from == null || to == null) {
            err.println("usage: baseline update --from <receipts dir> --to <baselines dir>");
            return 2;
        }
        try {
            Result r = update(from, to);
            out.println("baseline update: read " + r.receiptsRead() + " receipts (" + r.receiptsWithoutPerformance()
                    + " without a performance section), wrote " + r.written().size() + " baseline files to " + to);
            r.written().forEach(p -> out.println("  " + p));
            return 0;
        } catch (BaselineException | IOException e) {
            err.println("baseline update failed: " + e.getMessage());
            return 2;
        }
    }

    /** Reads every {@code *.json} receipt under {@code from} and writes one baseline per test into {@code to}. */
    public static Result update(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new BaselineException("receipts directory " + from + " does not exist; run the tests first "
                    + "(mvn test) or point --from at a directory of receipts");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
        Map<String, TestRuns> byTest = new TreeMap<>();
        int skipped = 0;
        for (Path file : files) {
            JsonNode root = readJson(file);
            JsonNode perf = root.at(PERFORMANCE_POINTER);
            if (perf.isObject() && perf.has("measurements")) {
                perf = perf.get("measurements");
            }
            if (perf.isMissingNode() || perf.isNull() || (perf.isArray() && perf.isEmpty())) {
                skipped++;
                continue;
            }
            if (!perf.isArray()) {
                throw new BaselineException("receipt " + file + " field '" + PERFORMANCE_POINTER
                        + "': expected an array of measurements, found " + perf.getNodeType());
            }
            String testClass = requiredText(file, root, TEST_CLASS_POINTER);
            String testMethod = requiredText(file, root, TEST_METHOD_POINTER);
            TestRuns runs = byTest.computeIfAbsent(testClass + "#" + testMethod,
                    k -> new TestRuns(testClass, testMethod));
            for (int i = 0; i < perf.size(); i++) {
                runs.add(file, PERFORMANCE_POINTER + "/" + i, perf.get(i));
            }
        }
        if (byTest.isEmpty()) {
            throw new BaselineException("no receipt under " + from + " has a performance section ("
                    + files.size() + " JSON files read); nothing to baseline");
        }
        BaselineStore store = new BaselineStore(to);
        List<Path> written = new ArrayList<>();
        for (TestRuns runs : byTest.values()) {
            written.add(store.write(runs.toBaseline()));
        }
        return new Result(List.copyOf(written), files.size(), skipped);
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            JsonNode n = BaselineJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) {
                throw new BaselineException("receipt " + file + ": expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BaselineException("receipt " + file + " is not valid JSON: " + e.getOriginalMessage()
                    + "; remove it or rerun the tests", e);
        }
    }

    private static String requiredText(Path file, JsonNode root, String pointer) {
        JsonNode v = root.at(pointer);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new BaselineException("receipt " + file + " field '" + pointer + "': expected the test's name as a "
                    + "non-blank string; was the receipt written by this version of junit-receipts?");
        }
        return v.textValue();
    }

    /** All runs of one test, grouped by measurement. */
    private static final class TestRuns {
        final String testClass;
        final String testMethod;
        HostFingerprint host;
        Path hostSource;
        final Map<String, List<double[]>> samplesByMeasurement = new LinkedHashMap<>();
        final Map<String, String> unitByMeasurement = new LinkedHashMap<>();

        TestRuns(String testClass, String testMethod) {
            this.testClass = testClass;
            this.testMethod = testMethod;
        }

        void add(Path file, String field, JsonNode entry) {
            String name = text(file, field + "/name", entry.get("name"));
            String unit = text(file, field + "/unit", entry.get("unit"));
            JsonNode samples = entry.get("samples_ms");
            JsonNode units = entry.get("units_per_iteration");
            if (samples == null || !samples.isArray() || samples.isEmpty() || units == null || !units.isArray()
                    || units.size() != samples.size()) {
                throw new BaselineException("receipt " + file + " fields '" + field + "/samples_ms' and '" + field
                        + "/units_per_iteration': expected two non-empty arrays of equal length");
            }
            double[] msPerUnit = new double[samples.size()];
            for (int i = 0; i < msPerUnit.length; i++) {
                JsonNode s = samples.get(i);
                JsonNode u = units.get(i);
                if (!s.isNumber() || !(s.asDouble() > 0) || !Double.isFinite(s.asDouble())
                        || !u.isIntegralNumber() || u.asLong() <= 0) {
                    throw new BaselineException("receipt " + file + " field '" + field + "/samples_ms/" + i
                            + "': expected a finite latency > 0 with units_per_iteration > 0, found " + s + " ms, "
                            + u + " units");
                }
                msPerUnit[i] = s.asDouble() / u.asLong();
            }
            HostFingerprint h;
            try {
                h = HostFingerprint.fromJson(entry.get("host"), "receipt " + file + " field '" + field + "/host'");
            } catch (IllegalArgumentException e) {
                throw new BaselineException(e.getMessage(), e);
            }
            if (host == null) {
                host = h;
                hostSource = file;
            } else if (!h.differencesFrom(host).isEmpty()) {
                throw new BaselineException("receipts for " + testClass + "#" + testMethod + " come from different "
                        + "hosts: " + hostSource + " vs " + file + " (" + String.join("; ", h.differencesFrom(host))
                        + "); a baseline describes one host, so pass only that host's receipts");
            }
            String known = unitByMeasurement.putIfAbsent(name, unit);
            if (known != null && !known.equals(unit)) {
                throw new BaselineException("receipt " + file + " field '" + field + "/unit': '" + unit
                        + "' but other runs of '" + name + "' use '" + known + "'");
            }
            samplesByMeasurement.computeIfAbsent(name, k -> new ArrayList<>()).add(msPerUnit);
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
            return new PerfBaseline(PerfBaseline.FORMAT, testClass, testMethod, host.toJson(), out);
        }

        private static String text(Path file, String field, JsonNode v) {
            if (v == null || !v.isTextual() || v.textValue().isBlank()) {
                throw new BaselineException("receipt " + file + " field '" + field + "': expected a non-blank string");
            }
            return v.textValue();
        }
    }
}
