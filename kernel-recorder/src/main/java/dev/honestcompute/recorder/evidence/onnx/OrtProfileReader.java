package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.internal.BoundedText;
import dev.honestcompute.recorder.internal.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX Runtime profile (a Chrome-trace JSON array written by {@code OrtSession.endProfiling()}) with bounds:
 * at most {@link #maxBytes()} bytes (system property {@value #MAX_BYTES_PROPERTY}, default 64 MiB) and nesting depth
 * {@value #MAX_DEPTH}. ONNX Runtime writes node names into the JSON unescaped, so a profile of a graph whose node names
 * contain quotes is not valid JSON: it is rejected with the parser's position, never guessed at.
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
        checkDepth(text, source);
        Object doc;
        try {
            doc = Json.parse(text, source);
        } catch (RuntimeException e) {
            throw new IOException("ONNX Runtime profile is not valid JSON: " + e.getMessage(), e);
        }
        if (!(doc instanceof List)) {
            throw new IOException(source + ": an ONNX Runtime profile is a JSON array of trace events, found "
                    + kind(doc));
        }
        List<OrtProfile.NodeExecution> nodes = new ArrayList<>();
        long runs = 0;
        List<?> events = (List<?>) doc;
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof Map)) {
                throw new IOException(source + ": trace event " + i + " is " + kind(events.get(i)) + ", not an object");
            }
            Map<?, ?> event = (Map<?, ?>) events.get(i);
            Object cat = event.get("cat");
            Object name = event.get("name");
            if ("Session".equals(cat) && "model_run".equals(name)) {
                runs++;
            } else if ("Node".equals(cat) && name instanceof String && ((String) name).endsWith(KERNEL_TIME)) {
                Object args = event.get("args");
                Map<?, ?> a = args instanceof Map ? (Map<?, ?>) args : Map.of();
                Object op = a.get("op_name");
                Object provider = a.get("provider");
                if (!(op instanceof String) || !(provider instanceof String) || ((String) op).isBlank()
                        || ((String) provider).isBlank()) {
                    throw new IOException(source + ": node event " + i + " ('" + name + "') has no args.op_name and"
                            + " args.provider strings; it cannot say which operator ran where");
                }
                String node = ((String) name).substring(0, ((String) name).length() - KERNEL_TIME.length());
                nodes.add(new OrtProfile.NodeExecution(node, (String) op, (String) provider));
            }
        }
        return new OrtProfile(nodes, runs);
    }

    /** Rejects nesting deeper than {@link #MAX_DEPTH} before the recursive parser sees it. */
    private static void checkDepth(String text, String source) throws IOException {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
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
                depth--;
            }
        }
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string" : "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
