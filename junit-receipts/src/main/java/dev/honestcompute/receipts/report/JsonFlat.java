package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flattens a free-form JSON section (host, determinism) into dotted keys and text values for display. */
final class JsonFlat {

    private static final int MAX_DEPTH = 4;
    private static final int MAX_ENTRIES = 200;
    private static final int MAX_ARRAY_ITEMS = 20;

    private JsonFlat() {
    }

    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && !node.isMissingNode() && !node.isNull()) {
            add(out, "", node, 0);
        }
        return out;
    }

    private static void add(Map<String, String> out, String prefix, JsonNode node, int depth) {
        if (out.size() >= MAX_ENTRIES) {
            return;
        }
        if (node.isObject() && depth < MAX_DEPTH) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                add(out, prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), depth + 1);
            }
        } else if (node.isArray() && node.size() > 0 && allValues(node)) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            for (JsonNode v : node) {
                if (i++ == MAX_ARRAY_ITEMS) {
                    sb.append(", … (").append(node.size() - MAX_ARRAY_ITEMS).append(" more)");
                    break;
                }
                sb.append(sb.length() == 0 ? "" : ", ").append(v.asText());
            }
            out.put(prefix.isEmpty() ? "value" : prefix, sb.toString());
        } else if (node.isValueNode()) {
            out.put(prefix.isEmpty() ? "value" : prefix, node.isNull() ? "null" : node.asText());
        } else {
            String json = node.toString();
            out.put(prefix.isEmpty() ? "value" : prefix, json.length() > 300 ? json.substring(0, 300) + "…" : json);
        }
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
