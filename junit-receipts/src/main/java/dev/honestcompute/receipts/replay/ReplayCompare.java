package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether two runs are replay-equivalent. Each side is a run summary with a {@code replay} block, a bare replay block,
 * or a directory of receipts (the block is then computed with {@link ReplayBlock#fromDirectory}). Each side is first
 * validated on its own (format, field types, and both declared hashes recomputed from its own {@code plan} and
 * {@code results}), then the plans and result projections are compared path by path. The command-line form is
 * {@link ReplayCli} ({@code replay compare A B}).
 *
 * <pre>{@code
 * ReplayComparison c = ReplayCompare.compare(Path.of("a/run-summary.json"), Path.of("b/target/receipts"));
 * c.equivalent();   // false -> c.mismatches() lists every differing path
 * }</pre>
 */
public final class ReplayCompare {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ReplayCompare() {
    }

    /** Compares two runs; never throws for bad input (it becomes status "invalid" with the reasons in errors). */
    public static ReplayComparison compare(Path a, Path b) {
        Input ia = Input.read(a);
        Input ib = Input.read(b);
        List<String> errors = new ArrayList<>(ia.errors);
        errors.addAll(ib.errors);
        List<String> warnings = new ArrayList<>(ia.warnings);
        warnings.addAll(ib.warnings);
        List<ReplayComparison.Mismatch> mismatches = new ArrayList<>();
        if (errors.isEmpty()) {
            JsonDiff.diff("/replay/format", ia.replay.get("format"), ib.replay.get("format"), mismatches);
            JsonDiff.diff("/replay/plan", ia.replay.get("plan"), ib.replay.get("plan"), mismatches);
            JsonDiff.diff("/replay/deterministic_fields", ia.replay.get("deterministic_fields"),
                    ib.replay.get("deterministic_fields"), mismatches);
            JsonDiff.diff("", ia.projection, ib.projection, mismatches);
            if (mismatches.isEmpty() && !ia.declaredResult.equals(ib.declaredResult)) {
                mismatches.add(new ReplayComparison.Mismatch("/replay/result_sha256",
                        ia.replay.get("result_sha256"), ib.replay.get("result_sha256")));
            }
        }
        String status = !errors.isEmpty() ? "invalid" : mismatches.isEmpty() ? "match" : "mismatch";
        return new ReplayComparison(ReplayComparison.FORMAT, status, status.equals("match"), ia.side(), ib.side(),
                List.copyOf(mismatches), List.copyOf(errors), List.copyOf(warnings));
    }

    /** One validated side. */
    private static final class Input {
        final Path file;
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        JsonNode replay;
        JsonNode projection;
        String declaredPlan;
        String declaredResult;
        String prefix = "replay.";

        private Input(Path file) {
            this.file = file;
        }

        ReplayComparison.Side side() {
            return new ReplayComparison.Side(file.toString(), declaredPlan, declaredResult);
        }

        static Input read(Path file) {
            Input in = new Input(file);
            if (Files.isDirectory(file)) {
                try {
                    in.prefix = "";
                    in.validate(ReplayBlock.fromDirectory(file, Map.of()).toJson());
                } catch (IOException | ReceiptReadException | IllegalArgumentException e) {
                    in.errors.add(e.getMessage());
                }
                return in;
            }
            ObjectNode root;
            try {
                root = ReceiptJson.readSummaryObject(file);
            } catch (ReceiptReadException e) {
                in.errors.add(e.getMessage());
                return in;
            }
            JsonNode block = root.get("replay");
            if (block == null && ReplayBlock.FORMAT.equals(root.path("format").asText(null))) {
                in.prefix = "";
                block = root;
            }
            if (block == null || !block.isObject()) {
                in.errors.add(file + " field 'replay': missing or not an object; pass a run summary with a replay "
                        + "block, a replay block, or a directory of receipts");
                return in;
            }
            in.validate(block);
            return in;
        }

        private String field(String name) {
            return file + " field '" + prefix + name + "'";
        }

        private void validate(JsonNode block) {
            replay = block;
            JsonNode format = replay.get("format");
            if (format == null || !ReplayBlock.FORMAT.equals(format.asText(null))) {
                errors.add(field("format") + ": expected '" + ReplayBlock.FORMAT + "', found "
                        + (format == null ? "nothing" : format));
            }
            declaredPlan = sha("plan_sha256");
            declaredResult = sha("result_sha256");
            List<String> det = strings("deterministic_fields", true);
            List<String> nondet = strings("nondeterministic_fields", false);
            Set<String> overlap = new HashSet<>(det);
            overlap.retainAll(nondet);
            if (!overlap.isEmpty()) {
                errors.add(field("deterministic_fields") + " and '" + prefix + "nondeterministic_fields': "
                        + overlap + " listed in both");
            }
            JsonNode plan = replay.get("plan");
            if (plan == null || !plan.isObject()) {
                errors.add(field("plan") + ": expected an object {tests, fixtures, config}");
            } else if (declaredPlan != null) {
                String computed = CanonicalJson.sha256(plan);
                if (!computed.equals(declaredPlan)) {
                    errors.add(field("plan_sha256") + ": declared " + declaredPlan + " but the canonical plan hashes "
                            + "to " + computed + " (the file was edited, or written with another canonicalization)");
                }
            }
            JsonNode results = replay.get("results");
            if (results == null || !results.isArray()) {
                errors.add(field("results") + ": expected an array of test results");
                return;
            }
            try {
                projection = ReplayBlock.projection(results, det);
            } catch (ReplayBlock.InvalidResults e) {
                errors.add(field(e.field()) + ": " + e.problem());
                return;
            }
            if (declaredResult != null && errors.isEmpty()) {
                String computed = CanonicalJson.sha256(projection);
                if (!computed.equals(declaredResult)) {
                    errors.add(field("result_sha256") + ": declared " + declaredResult + " but the result "
                            + "projection of 'results' hashes to " + computed
                            + " (the file was edited, or written with another canonicalization)");
                }
            }
        }

        private String sha(String name) {
            JsonNode v = replay.get(name);
            if (v == null || !v.isTextual() || !SHA256.matcher(v.textValue()).matches()) {
                errors.add(field(name) + ": expected 64 lowercase hex characters, found "
                        + (v == null ? "nothing" : v));
                return null;
            }
            return v.textValue();
        }

        private List<String> strings(String name, boolean nonEmpty) {
            JsonNode v = replay.get(name);
            List<String> out = new ArrayList<>();
            if (v == null || !v.isArray() || (nonEmpty && v.isEmpty())) {
                errors.add(field(name) + ": expected " + (nonEmpty ? "a non-empty" : "an") + " array of field names");
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).textValue().equals("id")) {
                    errors.add(field(name + "[" + i + "]") + ": expected a field name other than 'id', found "
                            + v.get(i));
                } else {
                    out.add(v.get(i).textValue());
                }
            }
            return out;
        }
    }
}
