package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The baseline directory in the user's repository: one file per test at
 * {@code <dir>/<fully qualified test class>/<test method>.json} (file-name-unsafe characters replaced by '_').
 *
 * <pre>{@code
 * BaselineStore store = new BaselineStore(Path.of("perf-baselines"));
 * Optional<PerfBaseline> baseline = store.read("com.acme.GenerateTest", "generates");
 * }</pre>
 */
public final class BaselineStore {

    private final Path dir;

    public BaselineStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Where the baseline of a test lives (it may not exist). */
    public Path fileFor(String testClass, String testMethod) {
        return dir.resolve(safe(testClass)).resolve(safe(testMethod) + ".json");
    }

    /** The test's baseline, or empty when the file does not exist; a malformed file is a {@link BaselineException}. */
    public Optional<PerfBaseline> read(String testClass, String testMethod) {
        Path file = fileFor(testClass, testMethod);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file));
    }

    /** Writes (atomically replaces) a test's baseline. */
    public Path write(PerfBaseline baseline) throws IOException {
        Path file = fileFor(baseline.testClass(), baseline.testMethod());
        ReceiptJson.write(file, ReceiptJson.mapper().valueToTree(baseline));
        return file;
    }

    /** Reads and validates one baseline file. */
    public static PerfBaseline parse(Path file) {
        JsonNode root;
        try {
            root = ReceiptJson.readObject(file);
        } catch (ReceiptReadException e) {
            throw new BaselineException("baseline " + e.getMessage() + " (baseline files are regenerated with "
                    + "'baseline update --from <receipts> --to " + file.getParent() + "')", e);
        }
        String format = text(file, root, "format");
        if (!PerfBaseline.FORMAT.equals(format)) {
            throw new BaselineException("baseline " + file + " field 'format': expected '" + PerfBaseline.FORMAT
                    + "', found '" + format + "'; regenerate it with 'baseline update'");
        }
        String testClass = text(file, root, "test_class");
        String testMethod = text(file, root, "test_method");
        JsonNode host = Hosts.validated(root.get("host"), "baseline " + file + " field 'host'");
        JsonNode ms = root.get("measurements");
        if (ms == null || !ms.isObject() || ms.isEmpty()) {
            throw bad(file, "measurements", "a non-empty object of measurement name -> baseline");
        }
        Map<String, BaselineMeasurement> measurements = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            measurements.put(e.getKey(), measurement(file, "measurements." + e.getKey(), e.getValue()));
        }
        return new PerfBaseline(format, testClass, testMethod, host, measurements);
    }

    private static BaselineMeasurement measurement(Path file, String field, JsonNode node) {
        if (!node.isObject()) {
            throw bad(file, field, "an object");
        }
        String unit = text(file, node, field + ".unit", "unit");
        String metric = text(file, node, field + ".metric", "metric");
        if (!BaselineMeasurement.METRIC.equals(metric)) {
            throw bad(file, field + ".metric", "'" + BaselineMeasurement.METRIC + "'");
        }
        JsonNode runs = node.get("runs");
        if (runs == null || !runs.isIntegralNumber() || runs.asInt() < 1) {
            throw bad(file, field + ".runs", "an integer >= 1");
        }
        double median = positive(file, field + ".median_ms_per_unit", node.get("median_ms_per_unit"));
        List<Double> runMedians = positives(file, field + ".run_medians_ms_per_unit", node.get("run_medians_ms_per_unit"));
        List<Double> samples = positives(file, field + ".samples_ms_per_unit", node.get("samples_ms_per_unit"));
        return new BaselineMeasurement(unit, metric, runs.asInt(), median, runMedians, samples);
    }

    private static List<Double> positives(Path file, String field, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw bad(file, field, "a non-empty array of positive numbers");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(positive(file, field + "[" + i + "]", node.get(i)));
        }
        return List.copyOf(out);
    }

    private static double positive(Path file, String field, JsonNode node) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() <= 0) {
            throw bad(file, field, "a finite number > 0, found " + (node == null ? "nothing" : node.toString()));
        }
        return node.asDouble();
    }

    private static String text(Path file, JsonNode node, String field) {
        return text(file, node, field, field);
    }

    private static String text(Path file, JsonNode node, String field, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw bad(file, field, "a non-blank string");
        }
        return v.textValue();
    }

    private static BaselineException bad(Path file, String field, String expected) {
        return new BaselineException("baseline " + file + " field '" + field + "': expected " + expected
                + "; fix the file or regenerate it with 'baseline update --from <receipts> --to <baselines>'");
    }

    /** LEAD: switch to the shared path sanitizer of the receipt core. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._$-]", "_");
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' cannot be used as a baseline file name");
        }
        return s.length() > 150 ? s.substring(0, 150) : s;
    }
}
