package dev.honestcompute.receipts.host;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The machine a receipt or measurement was produced on, as a JSON object (the receipt's {@code host} section).
 * Computed once per JVM ({@link #current()}); external commands run with a timeout and, when they cannot run, the
 * field is empty or absent and a {@code *_reason} field says why.
 *
 * <pre>{@code
 * {
 *   "java_vendor": "Eclipse Adoptium", "java_version": "25.0.1", "java_vm_name": "OpenJDK 64-Bit Server VM",
 *   "java_vm_version": "25.0.1+8-LTS", "java_feature_version": 25,
 *   "os_name": "Linux", "os_version": "6.1.0", "os_arch": "amd64",
 *   "cpu_model": "AMD EPYC 7B13", "logical_cores": 2,
 *   "cpu_features": ["avx", "avx2", "fma", ...],           // all /proc/cpuinfo flags, sorted
 *   "total_memory_bytes": 8326098944, "max_heap_bytes": 2082471936,
 *   "vector_api": {"present": true, "preferred_bits": 256}, // or {"present": false, "reason": "..."}
 *   "gpus": [{"name": "...", "driver_version": "...", "memory_total": "..."}], "gpus_reason": "...",
 *   "git": {"commit": "...", "branch": "main", "dirty": false},  // or "git_reason": "..."
 *   "env": {"OMP_NUM_THREADS": "1", ...}                    // determinism-relevant variables only
 * }
 * }</pre>
 *
 * Only {@link #COMPARED_KEYS} decide whether two measurements are comparable:
 * <pre>{@code
 * List<String> diffs = HostFingerprint.current().differencesFrom(HostFingerprint.fromJson(baselineHost, "baseline.json field 'host'"));
 * }</pre>
 */
public final class HostFingerprint {

    /** Keys whose values must be equal for two measurements to be comparable. */
    public static final List<String> COMPARED_KEYS =
            List.of("cpu_model", "logical_cores", "os_name", "os_arch", "java_feature_version");

    /** How long one external command ({@code git}, {@code nvidia-smi}) may take. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    /** Environment variables that can change numeric results or speed. */
    static final Pattern DETERMINISM_ENV = Pattern.compile(
            ".*_SEED|.*_DETERMINISTIC|.*_NUM_THREADS|OMP_.*|MKL_.*|OPENBLAS_.*|CUDA_VISIBLE_DEVICES"
                    + "|CUBLAS_WORKSPACE_CONFIG|CUDA_LAUNCH_BLOCKING|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS"
                    + "|HONEST_COMPUTE_.*|PYTHONHASHSEED|TZ");

    private static final class Holder {
        static final HostFingerprint CURRENT = probe();
    }

    private final ObjectNode fields;

    private HostFingerprint(ObjectNode fields) {
        this.fields = fields;
    }

    /** The fingerprint of this JVM's host, computed once per JVM. */
    public static HostFingerprint current() {
        return Holder.CURRENT;
    }

    /**
     * Wraps a fingerprint read from a file (a receipt's or baseline's {@code host}). Every compared key must be
     * present.
     *
     * @param where names the file and field for error messages, e.g. "perf-baselines/a/b.json field 'host'"
     * @throws IllegalArgumentException naming {@code where} and the missing key
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

    /**
     * Human-readable differences in the compared keys, e.g. "logical_cores: 8 (baseline) vs 2 (now)"; empty if
     * comparable.
     */
    public List<String> differencesFrom(HostFingerprint baseline) {
        List<String> diffs = new ArrayList<>();
        for (String key : COMPARED_KEYS) {
            String mine = text(fields.get(key));
            String theirs = text(baseline.fields.get(key));
            if (!Objects.equals(mine, theirs)) {
                diffs.add(key + ": " + theirs + " (baseline) vs " + mine + " (now)");
            }
        }
        return diffs;
    }

    /** A copy of all fields as a JSON object (the receipt's {@code host} section). */
    public ObjectNode toJson() {
        return fields.deepCopy();
    }

    /** All fields as plain Java values (String, Long, Double, Boolean, List, Map), in a stable order. */
    public Map<String, Object> toMap() {
        return ReceiptJson.mapper().convertValue(fields, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The CPU feature flags (lower case, e.g. avx2, avx512f, fma, f16c, neon); empty when unknown. */
    public Set<String> cpuFeatures() {
        Set<String> out = new LinkedHashSet<>();
        fields.path("cpu_features").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "<missing>" : v.asText();
    }

    // --- probing --------------------------------------------------------------------------------------------------

    static HostFingerprint probe() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("java_vendor", System.getProperty("java.vendor", "unknown"));
        n.put("java_version", System.getProperty("java.version", "unknown"));
        n.put("java_vm_name", System.getProperty("java.vm.name", "unknown"));
        n.put("java_vm_version", System.getProperty("java.vm.version", "unknown"));
        n.put("java_feature_version", Runtime.version().feature());
        n.put("os_name", System.getProperty("os.name", "unknown"));
        n.put("os_version", System.getProperty("os.version", "unknown"));
        String arch = System.getProperty("os.arch", "unknown");
        n.put("os_arch", arch);

        CpuInfo cpu = readCpuInfo(arch);
        n.put("cpu_model", cpu.model());
        n.put("logical_cores", Runtime.getRuntime().availableProcessors());
        ArrayNode features = n.putArray("cpu_features");
        cpu.features().forEach(features::add);
        if (cpu.features().isEmpty()) {
            n.put("cpu_features_reason", "no flags/Features line in /proc/cpuinfo (not Linux, or /proc hidden)");
        }

        long total = totalMemory();
        if (total > 0) {
            n.put("total_memory_bytes", total);
        } else {
            n.put("total_memory_reason", "com.sun.management.OperatingSystemMXBean not available");
        }
        n.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        n.set("vector_api", vectorApi());
        gpus(n);
        git(n, Path.of("").toAbsolutePath());
        n.set("env", determinismEnv(System.getenv()));
        return new HostFingerprint(n);
    }

    private static CpuInfo readCpuInfo(String arch) {
        try {
            return CpuInfo.parse(Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8), arch);
        } catch (IOException | RuntimeException e) {
            return CpuInfo.parse(List.of(), arch);
        }
    }

    private static long totalMemory() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // jdk.management not in the image: reported as a reason
        }
        return -1;
    }

    /** The Vector API's preferred width, read reflectively: this library does not require the incubator module. */
    static ObjectNode vectorApi() {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            v.put("present", false);
            v.put("reason", "jdk.incubator.vector is not in the boot layer; add --add-modules jdk.incubator.vector "
                    + "to the test JVM to record the preferred vector size");
            return v;
        }
        try {
            Class<?> shape = Class.forName("jdk.incubator.vector.VectorShape");
            Object preferred = shape.getMethod("preferredShape").invoke(null);
            Method bits = shape.getMethod("vectorBitSize");
            v.put("present", true);
            v.put("preferred_bits", ((Number) bits.invoke(preferred)).intValue());
            v.put("preferred_shape", String.valueOf(preferred));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            v.put("present", false);
            v.put("reason", "jdk.incubator.vector is present but could not be queried: " + e);
        }
        return v;
    }

    private static void gpus(ObjectNode n) {
        ArrayNode gpus = n.putArray("gpus");
        if (HostCommand.onPath("nvidia-smi").isEmpty()) {
            n.put("gpus_reason", "nvidia-smi not on PATH");
            return;
        }
        HostCommand.Outcome o = HostCommand.run(List.of("nvidia-smi",
                "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"), null, COMMAND_TIMEOUT);
        if (!o.ok()) {
            n.put("gpus_reason", "nvidia-smi failed: " + o.reason());
            return;
        }
        gpus.addAll(parseNvidiaSmi(o.stdout()));
        if (gpus.isEmpty()) {
            n.put("gpus_reason", "nvidia-smi listed no GPU");
        }
    }

    /** Parses {@code nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader}. */
    static ArrayNode parseNvidiaSmi(String csv) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",");
            if (parts.length < 3) {
                continue;
            }
            // A GPU name never contains a comma in practice; if one did, the name is everything before the last two.
            String name = String.join(",", java.util.Arrays.copyOf(parts, parts.length - 2)).trim();
            out.addObject().put("name", name).put("driver_version", parts[parts.length - 2].trim())
                    .put("memory_total", parts[parts.length - 1].trim());
        }
        return out;
    }

    static void git(ObjectNode n, Path dir) {
        if (HostCommand.onPath("git").isEmpty()) {
            n.put("git_reason", "git not on PATH");
            return;
        }
        HostCommand.Outcome commit = HostCommand.run(List.of("git", "rev-parse", "HEAD"), dir, COMMAND_TIMEOUT);
        if (!commit.ok()) {
            n.put("git_reason", "not a git work tree or no commit (" + commit.reason() + ")");
            return;
        }
        ObjectNode git = n.putObject("git");
        git.put("commit", commit.stdout().strip());
        HostCommand.Outcome branch = HostCommand.run(List.of("git", "rev-parse", "--abbrev-ref", "HEAD"), dir,
                COMMAND_TIMEOUT);
        if (branch.ok()) {
            git.put("branch", branch.stdout().strip());
        } else {
            git.put("branch_reason", branch.reason());
        }
        HostCommand.Outcome status = HostCommand.run(List.of("git", "status", "--porcelain", "--untracked-files=no"),
                dir, COMMAND_TIMEOUT);
        if (status.ok()) {
            git.put("dirty", !status.stdout().isBlank());
        } else {
            git.put("dirty_reason", status.reason());
        }
    }

    /** The determinism-relevant subset of an environment, sorted by name. */
    static ObjectNode determinismEnv(Map<String, String> env) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(env).forEach((k, v) -> {
            if (DETERMINISM_ENV.matcher(k.toUpperCase(Locale.ROOT)).matches()) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostFingerprint && ((HostFingerprint) o).fields.equals(fields);
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
