package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The machine a measurement was taken on. Stored in receipts and baselines as an opaque JSON object: any keys may be
 * present (newer versions may add some), but only {@link #COMPARED_KEYS} decide whether two measurements are
 * comparable:
 * <ul>
 *   <li>{@code cpu_model} — Linux {@code /proc/cpuinfo} "model name" (else {@code os.arch}'s "unknown")</li>
 *   <li>{@code logical_cores} — {@code Runtime.availableProcessors()} (respects container CPU limits)</li>
 *   <li>{@code os_name}, {@code os_arch} — {@code os.name}, {@code os.arch}</li>
 *   <li>{@code java_feature_version} — {@code Runtime.version().feature()} (17, 25); patch updates stay comparable</li>
 * </ul>
 * Recorded but not compared: {@code java_version}, {@code java_vm_name}, {@code java_vendor}.
 *
 * <pre>{@code
 * List<String> diffs = HostFingerprint.current().differencesFrom(baselineHost);
 * }</pre>
 */
public final class HostFingerprint {

    /** Keys whose values must be equal for two measurements to be comparable. */
    public static final List<String> COMPARED_KEYS =
            List.of("cpu_model", "logical_cores", "os_name", "os_arch", "java_feature_version");

    private final ObjectNode fields;

    private HostFingerprint(ObjectNode fields) {
        this.fields = fields;
    }

    /** The fingerprint of the running JVM's host. */
    public static HostFingerprint current() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("cpu_model", cpuModel());
        n.put("logical_cores", Runtime.getRuntime().availableProcessors());
        n.put("os_name", System.getProperty("os.name", "unknown"));
        n.put("os_arch", System.getProperty("os.arch", "unknown"));
        n.put("java_feature_version", Runtime.version().feature());
        n.put("java_version", System.getProperty("java.version", "unknown"));
        n.put("java_vm_name", System.getProperty("java.vm.name", "unknown"));
        n.put("java_vendor", System.getProperty("java.vendor", "unknown"));
        return new HostFingerprint(n);
    }

    /**
     * Wraps a fingerprint read from a file. Every compared key must be present.
     *
     * @param where names the file and field for error messages, e.g. "perf-baselines/a/b.json field 'host'"
     */
    public static HostFingerprint fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object with keys " + COMPARED_KEYS
                    + ", found " + (node == null ? "nothing" : node.getNodeType()));
        }
        for (String key : COMPARED_KEYS) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull() || v.isContainerNode()) {
                throw new IllegalArgumentException(where + ": missing or non-scalar key '" + key
                        + "'; regenerate the file with 'baseline update'");
            }
        }
        return new HostFingerprint(((ObjectNode) node).deepCopy());
    }

    /** Human-readable differences in the compared keys, e.g. "logical_cores: 8 (baseline) vs 2 (now)"; empty if comparable. */
    public List<String> differencesFrom(HostFingerprint baseline) {
        List<String> diffs = new ArrayList<>();
        for (String key : COMPARED_KEYS) {
            JsonNode mine = fields.get(key);
            JsonNode theirs = baseline.fields.get(key);
            if (!Objects.equals(text(mine), text(theirs))) {
                diffs.add(key + ": " + text(theirs) + " (baseline) vs " + text(mine) + " (now)");
            }
        }
        return diffs;
    }

    /** A copy of all fields as a JSON object. */
    public ObjectNode toJson() {
        return fields.deepCopy();
    }

    /** All fields as plain Java values, in a stable order, for records that go into receipts. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        fields.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "<missing>" : v.asText();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon >= 0) {
                        return line.substring(colon + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc hidden: fall through
        }
        return "unknown (" + System.getProperty("os.arch", "unknown") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostFingerprint other && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
