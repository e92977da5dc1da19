package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tolerant view of {@code run-summary.json} ({@code summary_version}, {@code started_at}, {@code finished_at},
 * {@code counts}, {@code skipped[{test, display_name, reason}]}, {@code deselected_by_rule{rule: count}},
 * {@code failed_containers}, {@code receipts[{path, sha256, test, status}]}, {@code tests[{test, status}]},
 * {@code host}): absent parts read as empty.
 */
final class RunSummaryView {

    /** The count names in display order; other counts found in the file follow. */
    static final List<String> COUNT_ORDER = List.of("total", "passed", "failed", "skipped", "aborted", "deselected");

    /** A test that did not run, with the reason the run reported. */
    record SkippedTest(String test, String displayName, String reason) {
    }

    /** A receipt the summary recorded, with the hash it had when the run ended. */
    record RecordedReceipt(String path, String sha256, String test, String status) {
    }

    private final JsonNode root;

    RunSummaryView(JsonNode root) {
        this.root = root == null ? MissingNode.getInstance() : root;
    }

    String startedAt() {
        return root.path("started_at").asText("");
    }

    String finishedAt() {
        return root.path("finished_at").asText("");
    }

    /** How many launcher sessions (Surefire executions, forks) the summary merges; 1 for older summaries. */
    int sessions() {
        return Math.max(1, root.path("sessions").asInt(1));
    }

    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        JsonNode counts = root.path("counts");
        for (String name : COUNT_ORDER) {
            if (counts.path(name).isNumber()) {
                out.put(name, counts.get(name).asLong());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                out.putIfAbsent(e.getKey(), e.getValue().asLong());
            }
        }
        return out;
    }

    List<SkippedTest> skipped() {
        List<SkippedTest> out = new ArrayList<>();
        for (JsonNode s : root.path("skipped")) {
            if (s.isObject()) {
                out.add(new SkippedTest(s.path("test").asText(""), s.path("display_name").asText(""),
                        s.path("reason").asText("")));
            }
        }
        return out;
    }

    Map<String, Long> deselectedByRule() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("deselected_by_rule").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asLong());
        }
        return out;
    }

    /** Failed containers (classes whose setup failed), as text whatever their layout. */
    List<String> failedContainers() {
        List<String> out = new ArrayList<>();
        JsonNode fc = root.path("failed_containers");
        if (fc.isArray()) {
            for (JsonNode n : fc) {
                if (n.isObject()) {
                    String name = n.path("container").asText(n.path("test").asText(n.path("display_name").asText("")));
                    String reason = n.path("reason").asText(n.path("failure").asText(n.path("message").asText("")));
                    out.add(reason.isEmpty() ? name : name + ": " + reason);
                } else {
                    out.add(n.asText());
                }
            }
        } else if (fc.isNumber() && fc.asLong() > 0) {
            out.add(fc.asLong() + " container(s) failed (no details in run-summary.json)");
        }
        return out;
    }

    List<RecordedReceipt> receipts() {
        List<RecordedReceipt> out = new ArrayList<>();
        for (JsonNode r : root.path("receipts")) {
            if (r.isObject() && r.path("path").isTextual()) {
                out.add(new RecordedReceipt(r.get("path").textValue(), r.path("sha256").asText(""),
                        r.path("test").asText(""), r.path("status").asText("")));
            }
        }
        return out;
    }

    /** The platform's outcome of each test ({@code tests[{test, status}]}), by unique id; empty for older summaries. */
    Map<String, String> testStatuses() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : root.path("tests")) {
            if (t.isObject() && t.path("test").isTextual() && t.path("status").isTextual()) {
                out.put(t.get("test").textValue(), t.get("status").textValue());
            }
        }
        return out;
    }

    JsonNode host() {
        return root.path("host");
    }

    /** The build that wrote the run ({@code build_id}), or empty for a summary without one. */
    String buildId() {
        return root.path("build_id").asText("");
    }

    /** {@code configured} or {@code generated} (one id per test JVM), or empty. */
    String buildIdSource() {
        return root.path("build_id_source").asText("");
    }

    /** The signer's public-key fingerprint when the summary is signed, else empty (not checked here). */
    String signerSha256() {
        JsonNode sig = root.path("signature");
        return sig.isObject() ? sig.path("public_key_sha256").asText("?") : "";
    }

    /** How the report states the run's build and signature, in one sentence. */
    String buildAndSignature() {
        String build = buildId().isEmpty() ? "no build id (written by an older version)" : "build " + buildId()
                + (buildIdSource().equals("generated") ? " (generated: no build id was set, one per test JVM)" : "");
        String signer = signerSha256();
        return build + "; " + (signer.isEmpty() ? "not signed" : "signed by key sha256:" + signer
                + " (check it with 'verify --public-key')");
    }
}
