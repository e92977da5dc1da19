package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code replay compare A B [--out comparison.json]}: whether two run summaries are replay-equivalent. Each input is
 * first validated on its own (format, field types, and both declared hashes recomputed from the file's own
 * {@code replay.plan} and {@code tests}), then the plans and result projections are compared path by path.
 *
 * <p>Exit status: {@value #EQUIVALENT} when equivalent; {@value #NOT_EQUIVALENT} on a mismatch or an invalid input.
 * The comparison JSON ({@link ReplayComparison}) is written atomically to {@code --out}, or to stdout without it.
 *
 * <pre>{@code
 * int exit = ReplayCompare.run(new String[] {"compare", "a/run-summary.json", "b/run-summary.json",
 *         "--out", "target/replay-comparison.json"}, System.out, System.err);
 * }</pre>
 */
public final class ReplayCompare {

    public static final int EQUIVALENT = 0;
    public static final int NOT_EQUIVALENT = 2;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ReplayCompare() {
    }

    /** Process entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** CLI entry for embedding (the junit-receipts CLI): returns the exit code instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("compare")) {
            rest.remove(0);
        }
        Path outFile = null;
        int o = rest.indexOf("--out");
        if (o >= 0) {
            if (o + 1 >= rest.size()) {
                err.println("replay compare: --out needs a file name");
                return NOT_EQUIVALENT;
            }
            outFile = Path.of(rest.get(o + 1));
            rest.subList(o, o + 2).clear();
        }
        if (rest.size() != 2) {
            err.println("usage: replay compare <run-summary A> <run-summary B> [--out comparison.json]");
            return NOT_EQUIVALENT;
        }
        ReplayComparison c = compare(Path.of(rest.get(0)), Path.of(rest.get(1)));
        try {
            String json = CanonicalJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c);
            if (outFile == null) {
                out.println(json);
            } else {
                writeAtomically(outFile, json + "\n");
                out.println("replay compare: " + c.status() + " (" + c.mismatches().size() + " mismatching paths, "
                        + c.errors().size() + " errors); comparison written to " + outFile);
            }
        } catch (IOException e) {
            err.println("replay compare: cannot write " + outFile + ": " + e.getMessage());
            return NOT_EQUIVALENT;
        }
        for (String e : c.errors()) {
            err.println("replay compare: " + e);
        }
        return c.equivalent() ? EQUIVALENT : NOT_EQUIVALENT;
    }

    /** Compares two run summaries; never throws for bad input (it becomes status "invalid"). */
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

    /** One validated input. */
    private static final class Input {
        final Path file;
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        JsonNode replay;
        JsonNode projection;
        String declaredPlan;
        String declaredResult;

        private Input(Path file) {
            this.file = file;
        }

        ReplayComparison.Side side() {
            return new ReplayComparison.Side(file.toString(), declaredPlan, declaredResult);
        }

        static Input read(Path file) {
            Input in = new Input(file);
            JsonNode root;
            try {
                root = CanonicalJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                in.errors.add(file + ": no such file; pass two run-summary.json files");
                return in;
            } catch (JsonProcessingException e) {
                in.errors.add(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
                return in;
            } catch (IOException e) {
                in.errors.add(file + ": cannot read (" + e + ")");
                return in;
            }
            in.validate(root);
            return in;
        }

        private void validate(JsonNode root) {
            if (root == null || !root.isObject()) {
                errors.add(file + ": expected a JSON object (a run summary)");
                return;
            }
            replay = root.get("replay");
            if (replay == null || !replay.isObject()) {
                errors.add(file + " field 'replay': missing or not an object; this file has no replay block "
                        + "(was it written by junit-receipts with replay enabled?)");
                return;
            }
            JsonNode format = replay.get("format");
            if (format == null || !ReplayBlock.FORMAT.equals(format.asText(null))) {
                errors.add(file + " field 'replay.format': expected '" + ReplayBlock.FORMAT + "', found "
                        + (format == null ? "nothing" : format));
            }
            declaredPlan = sha(replay, "plan_sha256");
            declaredResult = sha(replay, "result_sha256");
            List<String> det = strings(replay, "deterministic_fields", true);
            List<String> nondet = strings(replay, "nondeterministic_fields", false);
            Set<String> overlap = new HashSet<>(det);
            overlap.retainAll(nondet);
            if (!overlap.isEmpty()) {
                errors.add(file + " fields 'replay.deterministic_fields' and 'replay.nondeterministic_fields': "
                        + overlap + " listed in both");
            }
            JsonNode plan = replay.get("plan");
            if (plan == null || !plan.isObject()) {
                errors.add(file + " field 'replay.plan': expected an object {tests, fixtures, config}");
            } else if (declaredPlan != null) {
                String computed = CanonicalJson.sha256(plan);
                if (!computed.equals(declaredPlan)) {
                    errors.add(file + " field 'replay.plan_sha256': declared " + declaredPlan
                            + " but the canonical replay.plan hashes to " + computed
                            + " (the file was edited, or written with another canonicalization)");
                }
            }
            JsonNode tests = root.get("tests");
            if (tests == null || !tests.isArray()) {
                errors.add(file + " field 'tests': expected an array of test results");
                return;
            }
            try {
                projection = ReplayBlock.projection(tests, det);
            } catch (IllegalArgumentException e) {
                errors.add(file + " field '" + e.getMessage());
                return;
            }
            if (declaredResult != null && errors.isEmpty()) {
                String computed = CanonicalJson.sha256(projection);
                if (!computed.equals(declaredResult)) {
                    errors.add(file + " field 'replay.result_sha256': declared " + declaredResult
                            + " but the result projection of 'tests' hashes to " + computed
                            + " (the file was edited, or written with another canonicalization)");
                }
            }
            Set<String> known = new HashSet<>(det);
            known.addAll(nondet);
            known.add("id");
            Set<String> unclassified = new java.util.TreeSet<>();
            for (JsonNode t : tests) {
                for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!known.contains(f)) {
                        unclassified.add(f);
                    }
                }
            }
            if (!unclassified.isEmpty()) {
                warnings.add(file + ": test fields " + unclassified + " are in neither replay field list and are "
                        + "ignored by the comparison");
            }
        }

        private String sha(JsonNode replayNode, String field) {
            JsonNode v = replayNode.get(field);
            if (v == null || !v.isTextual() || !SHA256.matcher(v.textValue()).matches()) {
                errors.add(file + " field 'replay." + field + "': expected 64 lowercase hex characters, found "
                        + (v == null ? "nothing" : v));
                return null;
            }
            return v.textValue();
        }

        private List<String> strings(JsonNode replayNode, String field, boolean nonEmpty) {
            JsonNode v = replayNode.get(field);
            List<String> out = new ArrayList<>();
            if (v == null || !v.isArray() || (nonEmpty && v.isEmpty())) {
                errors.add(file + " field 'replay." + field + "': expected " + (nonEmpty ? "a non-empty" : "an")
                        + " array of field names");
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).textValue().equals("id")) {
                    errors.add(file + " field 'replay." + field + "[" + i + "]': expected a field name other than "
                            + "'id', found " + v.get(i));
                } else {
                    out.add(v.get(i).textValue());
                }
            }
            return out;
        }
    }

    /** LEAD: replace with the shared atomic writer. */
    private static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
