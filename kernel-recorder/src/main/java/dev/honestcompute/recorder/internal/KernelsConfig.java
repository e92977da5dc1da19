package dev.honestcompute.recorder.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kernels declared by configuration instead of {@code @Kernel}, for third-party engines without source changes.
 *
 * <pre>{@code
 * {
 *   "kernels": [
 *     {"class": "com.example.Ops", "methods": ["dot*", "gemm"], "id": "example.{method}", "backend": "cpu-simd"},
 *     {"class": "com.example.NativeOps", "methods": ["gemm_*"], "id": "example.native.{method}", "backend": "cpu-simd",
 *      "requires": ["avx2", "fma"]},
 *     {"class": "com.example.Ops$Gemmer", "subtypes": true, "methods": ["kernel"],
 *      "id": "example.gemm.{simpleClass}", "backend": "cpu-simd"}
 *   ]
 * }
 * }</pre>
 *
 * {@code "requires"} (optional) lists the CPU features the matched methods cannot run without, like
 * {@code @Kernel(requires)}; receipts carry them and the verifier checks them against the host (rule HC021).
 *
 * <p>Sources: every classpath resource {@value #RESOURCE} plus the files named by the system property
 * {@value #PROPERTY} (several separated by the path separator).
 */
public final class KernelsConfig {

    public static final String RESOURCE = "META-INF/honest-compute/kernels.json";
    public static final String PROPERTY = "honestcompute.kernels.config";

    private static final Set<String> TOP_KEYS = Set.of("kernels", "description");
    private static final Set<String> ENTRY_KEYS = Set.of("class", "subtypes", "methods", "excludeMethods",
            "parameterCount", "descriptor", "id", "backend", "requires", "success", "description");
    private static final Pattern BACKEND = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    // class-file access flags (JVMS 4.6); bridge and synthetic have no java.lang.reflect.Modifier constant
    private static final int PRIVATE = 0x0002;
    private static final int STATIC = 0x0008;
    private static final int FINAL = 0x0010;
    private static final int BRIDGE = 0x0040;
    private static final int NATIVE = 0x0100;
    private static final int ABSTRACT = 0x0400;
    private static final int SYNTHETIC = 0x1000;

    private final List<Entry> entries;

    private KernelsConfig(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    static KernelsConfig of(List<Entry> entries) {
        return new KernelsConfig(entries);
    }

    /** Reads every {@value #RESOURCE} visible to {@code loader} plus the files in {@code propertyValue}. */
    public static KernelsConfig load(ClassLoader loader, String propertyValue) {
        List<Entry> all = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader == null ? ClassLoader.getSystemResources(RESOURCE)
                    : loader.getResources(RESOURCE);
            for (URL url : Collections.list(urls)) {
                try (InputStream in = url.openStream()) {
                    all.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString()));
                }
            }
        } catch (IOException e) {
            throw new KernelsConfigException("cannot read classpath resources " + RESOURCE + ": " + e);
        }
        for (Path file : files(propertyValue)) {
            all.addAll(read(file));
        }
        return new KernelsConfig(all);
    }

    /**
     * The config files named by a {@value #PROPERTY} value: paths separated by the platform's path separator, blanks
     * ignored, in order; empty for {@code null}.
     */
    public static List<Path> files(String propertyValue) {
        List<Path> out = new ArrayList<>();
        if (propertyValue != null) {
            for (String part : propertyValue.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.trim()));
                }
            }
        }
        return out;
    }

    /** Reads one config file; a missing or unreadable file is an error naming the path and the property. */
    public static List<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KernelsConfigException("kernels config file " + file.toAbsolutePath() + " (from -D" + PROPERTY
                    + " or the JUnit configuration parameter " + PROPERTY + ") does not exist or is not a file");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new KernelsConfigException("cannot read kernels config file " + file.toAbsolutePath() + ": " + e);
        }
    }

    /** Parses and validates one config document. */
    public static List<Entry> parse(String text, String source) {
        Object root = Json.parse(text, source);
        Map<String, Object> top = object(root, source, "");
        unknownKeys(top, TOP_KEYS, source, "");
        Object kernels = top.get("kernels");
        if (!(kernels instanceof List)) {
            throw field(source, "/kernels", "an array of kernel entries", kernels);
        }
        List<Entry> entries = new ArrayList<>();
        List<?> list = (List<?>) kernels;
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(list.get(i), source, "/kernels/" + i));
        }
        return entries;
    }

    private static Entry entry(Object value, String source, String pointer) {
        Map<String, Object> m = object(value, source, pointer);
        unknownKeys(m, ENTRY_KEYS, source, pointer);
        String classPattern = requiredString(m, "class", source, pointer);
        boolean subtypes = false;
        if (m.containsKey("subtypes")) {
            if (!(m.get("subtypes") instanceof Boolean)) {
                throw field(source, pointer + "/subtypes", "true or false", m.get("subtypes"));
            }
            subtypes = (Boolean) m.get("subtypes");
        }
        List<String> methods = stringList(m, "methods", source, pointer, true);
        List<String> exclude = m.containsKey("excludeMethods")
                ? stringList(m, "excludeMethods", source, pointer, false) : List.of();
        Integer parameterCount = null;
        if (m.containsKey("parameterCount")) {
            Object p = m.get("parameterCount");
            if (!(p instanceof Long) || (Long) p < 0 || (Long) p > 255) {
                throw field(source, pointer + "/parameterCount", "an integer between 0 and 255", p);
            }
            parameterCount = ((Long) p).intValue();
        }
        String descriptor = m.containsKey("descriptor") ? requiredString(m, "descriptor", source, pointer) : null;
        if (descriptor != null && !descriptor.startsWith("(")) {
            throw field(source, pointer + "/descriptor", "a JVM method descriptor such as \"(I[F)V\"", descriptor);
        }
        String id = requiredString(m, "id", source, pointer);
        String stripped = id.replace("{class}", "").replace("{simpleClass}", "").replace("{method}", "")
                .replace("{params}", "");
        if (stripped.contains("{") || stripped.contains("}")) {
            throw field(source, pointer + "/id", "a kernel id template using only the placeholders {class}, "
                    + "{simpleClass}, {method}, {params}", id);
        }
        String backend = requiredString(m, "backend", source, pointer);
        if (!BACKEND.matcher(backend).matches()) {
            throw field(source, pointer + "/backend", "a lower-case backend name such as \"cpu\", \"cpu-simd\", "
                    + "\"cuda\"", backend);
        }
        List<String> requires = m.containsKey("requires") ? cpuFeatures(m.get("requires"), source, pointer)
                : List.of();
        Success success = Success.RETURNED;
        if (m.containsKey("success")) {
            String s = requiredString(m, "success", source, pointer);
            if (s.equals("returned")) {
                success = Success.RETURNED;
            } else if (s.equals("returned-zero")) {
                success = Success.RETURNED_ZERO;
            } else {
                throw field(source, pointer + "/success", "\"returned\" or \"returned-zero\"", s);
            }
        }
        return new Entry(source, pointer, classPattern, subtypes, methods, exclude, parameterCount, descriptor, id,
                backend, requires, success);
    }

    private static List<String> cpuFeatures(Object value, String source, String pointer) {
        String expected = "an array of CPU feature names as /proc/cpuinfo spells them, e.g. [\"avx2\", \"fma\"]";
        if (!(value instanceof List)) {
            throw field(source, pointer + "/requires", expected, value);
        }
        List<String> out = new ArrayList<>();
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            Object s = list.get(i);
            if (!(s instanceof String) || ((String) s).isBlank()) {
                throw field(source, pointer + "/requires/" + i, "a non-blank CPU feature name such as \"avx2\"", s);
            }
            out.add((String) s);
        }
        return out;
    }

    /** How success of a call is read. */
    public enum Success {
        /** The call returned normally. */
        RETURNED,
        /** The call returned normally with an {@code int} status of 0. */
        RETURNED_ZERO
    }

    /** One config entry: a class pattern, method patterns, an id template and a backend. */
    public static final class Entry {
        private final String source;
        private final String pointer;
        private final String classPattern;
        private final Pattern classRegex;
        private final boolean subtypes;
        private final List<Pattern> methods;
        private final List<Pattern> exclude;
        private final Integer parameterCount;
        private final String descriptor;
        private final String id;
        private final String backend;
        private final List<String> requires;
        private final Success success;
        private volatile boolean matched;

        Entry(String source, String pointer, String classPattern, boolean subtypes, List<String> methods,
              List<String> exclude, Integer parameterCount, String descriptor, String id, String backend,
              List<String> requires, Success success) {
            this.source = source;
            this.pointer = pointer;
            this.classPattern = classPattern;
            this.classRegex = glob(classPattern);
            this.subtypes = subtypes;
            this.methods = methods.stream().map(KernelsConfig::glob).collect(java.util.stream.Collectors.toList());
            this.exclude = exclude.stream().map(KernelsConfig::glob).collect(java.util.stream.Collectors.toList());
            this.parameterCount = parameterCount;
            this.descriptor = descriptor;
            this.id = id;
            this.backend = backend;
            this.requires = List.copyOf(requires);
            this.success = success;
        }

        /**
         * Whether this entry may apply to the class {@code className} (binary name): its own name, or with
         * {@code subtypes} the name of any superclass or interface, found through {@code supertypes}.
         */
        public boolean matchesType(String className, Supertypes supertypes) {
            if (classRegex.matcher(className).matches()) {
                return true;
            }
            if (!subtypes) {
                return false;
            }
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(supertypes.of(className));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                String t = todo.poll();
                if (!seen.add(t) || t.equals("java.lang.Object")) {
                    continue;
                }
                if (classRegex.matcher(t).matches()) {
                    return true;
                }
                todo.addAll(supertypes.of(t));
            }
            return false;
        }

        /**
         * Whether this entry instruments the method {@code name} with JVM {@code descriptor} and class-file
         * {@code access} flags, declared by a type this entry matches. Constructors, abstract, native, bridge and
         * synthetic methods never match.
         */
        public boolean matchesMethod(String name, String descriptor, int access) {
            if (name.startsWith("<") || (access & (ABSTRACT | NATIVE | BRIDGE | SYNTHETIC)) != 0) {
                return false;
            }
            if (methods.stream().noneMatch(p -> p.matcher(name).matches())
                    || exclude.stream().anyMatch(p -> p.matcher(name).matches())) {
                return false;
            }
            if (parameterCount != null && Descriptors.parameterCount(descriptor) != parameterCount) {
                return false;
            }
            return this.descriptor == null || descriptor.equals(this.descriptor);
        }

        /**
         * Whether the id needs the runtime class of the receiver (subclasses may inherit the method): the id names
         * the class and the method is an overridable instance method of a non-final class.
         */
        public boolean needsRuntimeClass(int methodAccess, int classAccess) {
            return (id.contains("{class}") || id.contains("{simpleClass}"))
                    && (methodAccess & (STATIC | PRIVATE | FINAL)) == 0 && (classAccess & FINAL) == 0;
        }

        void markMatched() {
            matched = true;
        }

        /** Whether any method of any class instrumented so far matched this entry. */
        public boolean matched() {
            return matched;
        }

        public String where() {
            return source + "#" + pointer;
        }

        public String classPattern() {
            return classPattern;
        }

        public String id() {
            return id;
        }

        public String backend() {
            return backend;
        }

        /** CPU features the matched methods declare they need; empty when the entry has no {@code "requires"}. */
        public List<String> requires() {
            return requires;
        }

        public Success success() {
            return success;
        }

        @Override
        public String toString() {
            return where() + " (class " + classPattern + (subtypes ? " and subtypes" : "") + " → " + id + ")";
        }
    }

    static Pattern glob(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                sb.append(".*");
            } else if (c == '?') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String source, String pointer) {
        if (!(value instanceof Map)) {
            throw field(source, pointer.isEmpty() ? "/" : pointer, "an object", value);
        }
        return (Map<String, Object>) value;
    }

    private static void unknownKeys(Map<String, Object> m, Set<String> known, String source, String pointer) {
        for (String key : m.keySet()) {
            if (!known.contains(key)) {
                throw new KernelsConfigException(source + ": at '" + pointer + "/" + key + "': unknown member '" + key
                        + "'; expected one of " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static String requiredString(Map<String, Object> m, String key, String source, String pointer) {
        Object v = m.get(key);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw field(source, pointer + "/" + key, "a non-blank string", v);
        }
        return (String) v;
    }

    private static List<String> stringList(Map<String, Object> m, String key, String source, String pointer,
                                           boolean required) {
        Object v = m.get(key);
        if (!(v instanceof List) || (required && ((List<?>) v).isEmpty())) {
            throw field(source, pointer + "/" + key, (required ? "a non-empty array" : "an array (possibly empty)")
                    + " of method name patterns (\"*\" is a wildcard)", v);
        }
        List<String> out = new ArrayList<>();
        List<?> list = (List<?>) v;
        for (int i = 0; i < list.size(); i++) {
            Object s = list.get(i);
            if (!(s instanceof String) || ((String) s).isBlank()) {
                throw field(source, pointer + "/" + key + "/" + i, "a non-blank string", s);
            }
            out.add((String) s);
        }
        return out;
    }

    private static KernelsConfigException field(String source, String pointer, String expected, Object found) {
        String kind = found == null ? "nothing (missing or null)"
                : found instanceof String ? "\"" + found + "\""
                : found instanceof Map ? "an object"
                : found instanceof List ? (((List<?>) found).isEmpty() ? "an empty array" : "an array")
                : found.toString();
        return new KernelsConfigException(source + ": at '" + pointer + "': expected " + expected + ", found " + kind);
    }
}
