package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.internal.BoundedText;
import dev.honestcompute.recorder.internal.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an ONNX Runtime profile (a Chrome-trace JSON array written by {@code OrtSession.endProfiling()}) with bounds:
 * at most {@link #maxBytes()} bytes (system property {@value #MAX_BYTES_PROPERTY}, default 64 MiB) and nesting depth
 * {@value #MAX_DEPTH}. The array is split into its events first and each event parsed on its own, so memory stays at
 * the file's size plus the node executions kept, not a tree of the whole profile. ONNX Runtime writes node names
 * into the JSON unescaped, so a profile of a graph whose node names contain quotes is not valid JSON: it is rejected
 * with the event and the parser's position, never guessed at.
 */
final class OrtProfileReader {

    static final String MAX_BYTES_PROPERTY = "honestcompute.onnxruntime.maxProfileBytes";
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_DEPTH = 16;
    private static final String KERNEL_TIME = "_kernel_time";

    private OrtProfileReader() {
    }

    static long maxBytes() {
        Long configured = Long.getLong(MAX_BYTES_PROPERTY);
        return configured != null && configured > 0 ? configured : DEFAULT_MAX_BYTES;
    }

    /** @throws IOException naming the file and what is wrong with it */
    static OrtProfile read(Path file) throws IOException {
        String text = BoundedText.read(file, maxBytes(), "profile fewer runs per test or raise -D" + MAX_BYTES_PROPERTY);
        return parse(text, file.toString());
    }

    static OrtProfile parse(String text, String source) throws IOException {
        int pos = skipWhitespace(text, 0);
        if (pos >= text.length() || text.charAt(pos) != '[') {
            throw new IOException(source + ": an ONNX Runtime profile is a JSON array of trace events, found "
                    + (pos >= text.length() ? "nothing" : text.charAt(pos) == '{' ? "an object" : "'"
                    + text.charAt(pos) + "'"));
        }
        Map<String, String> names = new HashMap<>(); // node, op and provider names repeat in every run
        List<OrtProfile.NodeExecution> nodes = new ArrayList<>();
        long runs = 0;
        pos = skipWhitespace(text, pos + 1);
        for (int i = 0; pos < text.length() && text.charAt(pos) != ']'; i++) {
            int end = endOfElement(text, pos, source);
            Object event = parseEvent(text.substring(pos, end), source, i, pos);
            Map<?, ?> e = (Map<?, ?>) event;
            Object cat = e.get("cat");
            Object name = e.get("name");
            if ("Session".equals(cat) && "model_run".equals(name)) {
                runs++;
            } else if ("Node".equals(cat) && name instanceof String && ((String) name).endsWith(KERNEL_TIME)) {
                nodes.add(node(e, (String) name, names, source, i));
            }
            pos = skipWhitespace(text, end);
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos = skipWhitespace(text, pos + 1);
            } else if (pos >= text.length() || text.charAt(pos) != ']') {
                throw new IOException(source + ": expected ',' or ']' after trace event " + i + " at offset " + pos);
            }
        }
        if (pos >= text.length()) {
            throw new IOException(source + ": the array of trace events is not closed; the profile is truncated");
        }
        if (skipWhitespace(text, pos + 1) != text.length()) {
            throw new IOException(source + ": content after the array of trace events at offset " + (pos + 1));
        }
        return new OrtProfile(nodes, runs);
    }

    private static Object parseEvent(String json, String source, int index, int offset) throws IOException {
        Object event;
        try {
            event = Json.parse(json, source + " (trace event " + index + " at offset " + offset + ")");
        } catch (RuntimeException e) {
            throw new IOException("ONNX Runtime profile is not valid JSON: " + e.getMessage(), e);
        }
        if (!(event instanceof Map)) {
            throw new IOException(source + ": trace event " + index + " is " + kind(event) + ", not an object");
        }
        return event;
    }

    private static OrtProfile.NodeExecution node(Map<?, ?> event, String name, Map<String, String> names,
                                                 String source, int index) throws IOException {
        Object args = event.get("args");
        Map<?, ?> a = args instanceof Map ? (Map<?, ?>) args : Map.of();
        Object op = a.get("op_name");
        Object provider = a.get("provider");
        if (!(op instanceof String) || !(provider instanceof String) || ((String) op).isBlank()
                || ((String) provider).isBlank()) {
            throw new IOException(source + ": node event " + index + " ('" + name + "') has no args.op_name and"
                    + " args.provider strings; it cannot say which operator ran where");
        }
        String node = name.substring(0, name.length() - KERNEL_TIME.length());
        return new OrtProfile.NodeExecution(names.computeIfAbsent(node, k -> k),
                names.computeIfAbsent((String) op, k -> k), names.computeIfAbsent((String) provider, k -> k));
    }

    /**
     * Where the top-level array element starting at {@code from} ends (the ',' or ']' after it), tracking strings and
     * rejecting nesting deeper than {@link #MAX_DEPTH} (the array itself is the first level).
     */
    private static int endOfElement(String text, int from, String source) throws IOException {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new IOException(source + ": JSON nested deeper than " + MAX_DEPTH + " levels at offset " + i
                            + "; ONNX Runtime's own profiles nest at most 6");
                }
            } else if (c == ']' || c == '}') {
                if (depth == 1) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 1) {
                return i;
            }
        }
        return text.length();
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\n' || text.charAt(i) == '\r'
                || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string" : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
