package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.TreeSet;

/** Every path where two JSON trees differ (numbers compared in canonical form). Paths are JSON Pointers. */
final class JsonDiff {

    private JsonDiff() {
    }

    static void diff(String path, JsonNode a, JsonNode b, List<ReplayComparison.Mismatch> out) {
        if (a == null || b == null) {
            if (a != b) {
                out.add(new ReplayComparison.Mismatch(path, a, b));
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path + "/" + escape(k), a.get(k), b.get(k), out);
            }
        } else if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                diff(path + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!CanonicalJson.write(a).equals(CanonicalJson.write(b))) {
            out.add(new ReplayComparison.Mismatch(path, a, b));
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
