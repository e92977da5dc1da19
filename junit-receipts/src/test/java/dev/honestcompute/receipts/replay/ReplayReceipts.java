package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.determinism.DeterminismCheck;
import dev.honestcompute.receipts.internal.ReceiptJson;

/** Test helper: receipts shaped as @EmitsReceipt writes them, with a real determinism section. */
final class ReplayReceipts {

    static final String SHA_A = "a".repeat(64);

    private ReplayReceipts() {
    }

    static ObjectNode tree(String method, String status, String kernel, long durationNanos) throws Exception {
        ObjectNode r = ReceiptJson.mapper().createObjectNode();
        r.put("schema_version", "1.0.0");
        r.put("timestamp", "2026-11-23T10:00:0" + (durationNanos % 10) + "Z");
        r.put("compute_path", "real");
        r.putArray("kernels").add(kernel);
        ObjectNode t = r.putObject("test");
        t.put("unique_id", "[engine:junit-jupiter]/[class:com.acme.T]/[method:" + method + "()]");
        t.put("class", "com.acme.T");
        t.put("method", method);
        t.put("status", status);
        r.putArray("kernel_stats").addObject().put("id", kernel).put("calls", 3).put("nanos", durationNanos);
        r.putArray("fixtures").addObject().put("name", "tiny-llama").put("sha256", SHA_A).put("size_bytes", 10);
        r.putObject("host").put("logical_cores", durationNanos);
        r.putObject("performance").put("total_time_ms", durationNanos / 1e6);
        r.set("determinism", ReceiptJson.mapper().valueToTree(DeterminismCheck.runs(2).check(o -> {
            o.record("logits", new float[] {0.25f, 0.5f});
            o.record("tokens", new int[] {1, 2, 3});
        })));
        return r;
    }

    static Receipt receipt(String method, String status, String kernel, long durationNanos) throws Exception {
        return Receipt.of(tree(method, status, kernel, durationNanos), method + ".json");
    }
}
