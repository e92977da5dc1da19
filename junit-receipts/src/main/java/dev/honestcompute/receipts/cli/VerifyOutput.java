package dev.honestcompute.receipts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptVerification;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.summary.RunSignature;
import dev.honestcompute.receipts.summary.RunSummary;

import java.io.PrintStream;
import java.nio.file.Path;

/** Prints a {@link VerifyRun.Outcome}: text for people (verdicts on stdout, unreadable inputs on stderr) or JSON. */
final class VerifyOutput {

    static final String NO_SUMMARY_OPTION = "--no-run-summary";

    private VerifyOutput() {
    }

    static void human(VerifyRun.Outcome o, PrintStream out, PrintStream err) {
        for (ReceiptVerification r : o.results()) {
            out.println(r.describe());
        }
        for (VerifyRun.Summary s : o.summaries()) {
            out.println(s.file() + ": run summary " + (s.problems().isEmpty() ? "OK" : "FAILED") + " (" + about(s)
                    + ")");
            for (VerifyRun.Problem p : s.problems()) {
                out.println("  " + p.kind() + (p.path().isEmpty() ? "" : " " + p.path()) + ": " + p.message());
            }
        }
        for (VerifyRun.Orphans orphans : o.orphans()) {
            out.println(orphans.directory() + ": " + orphanMessage(orphans, o.options().acceptedWithoutSummary()));
        }
        for (VerifyRun.Unreadable u : o.unreadable()) {
            err.println(u.source() + ": UNREADABLE: " + u.message());
        }
        StringBuilder last = new StringBuilder("verified ").append(o.results().size()).append(" receipt(s): ")
                .append(o.results().size() - o.failed()).append(" passed, ").append(o.failed()).append(" failed");
        if (!o.summaries().isEmpty()) {
            long bad = o.summaries().stream().filter(s -> !s.problems().isEmpty()).count();
            last.append("; ").append(o.summaries().size()).append(" run summary(ies): ")
                    .append(o.summaries().size() - bad).append(" OK, ").append(bad).append(" FAILED");
        }
        if (!o.orphans().isEmpty()) {
            last.append("; ").append(o.orphanReceipts()).append(" receipt(s) without a run summary")
                    .append(o.options().noRunSummary() ? " (accepted: " + o.options().acceptedWithoutSummary() + ")" : "");
        }
        if (!o.unreadable().isEmpty()) {
            last.append(", ").append(o.unreadable().size()).append(" unreadable input(s)");
        }
        out.println(last);
    }

    /** The summary's build, size and signature, in one line. */
    private static String about(VerifyRun.Summary s) {
        RunSummary summary = s.verification().summary();
        RunSignature.Check sig = s.verification().signature();
        return "build " + (summary.buildId() == null ? "<none>" : summary.buildId()) + (summary.buildIdSource() == null
                ? "" : " (" + summary.buildIdSource() + ")") + ", " + summary.sessions() + " session(s), "
                + summary.tests().size() + " test(s), " + summary.receipts().size() + " receipt(s)"
                + (summary.stale().isEmpty() ? "" : ", " + summary.stale().size() + " stale") + "; " + sig.message();
    }

    /** @param acceptedBecause why receipts without a summary are accepted, or null when they are not */
    static String orphanMessage(VerifyRun.Orphans orphans, String acceptedBecause) {
        String example = example(orphans);
        if (acceptedBecause != null) {
            return orphans.receipts().size() + " receipt(s) verified WITHOUT A RUN SUMMARY (" + acceptedBecause
                    + "), e.g. " + example + ": nothing shows they are complete, unedited or of one build";
        }
        return "NO RUN SUMMARY: " + orphans.receipts().size() + " receipt(s), e.g. " + example + ", and no "
                + RunSummary.FILE_NAME + " in " + orphans.directory() + " or any directory above it: the run did not "
                + "finish, or its summary was removed (a test JVM that crashes or is killed before its session ends "
                + "writes none); re-run the tests. Receipts written by other tools (e.g. BitNet.rs) have no run summary: verify them "
                + "with " + NO_SUMMARY_OPTION;
    }

    private static String example(VerifyRun.Orphans orphans) {
        Path first = orphans.receipts().get(0);
        return orphans.directory().relativize(first).toString();
    }

    static String json(VerifyRun.Outcome o) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("policy", o.policy());
        n.put("exit_code", o.exit());
        n.put("passed", o.exit() == ReceiptsCli.EXIT_OK);
        ObjectNode counts = n.putObject("counts");
        counts.put("receipts", o.results().size());
        counts.put("passed", o.results().size() - o.failed());
        counts.put("failed", o.failed());
        counts.put("unreadable", o.unreadable().size());
        counts.put("run_summaries", o.summaries().size());
        counts.put("run_summaries_failed", o.summaries().stream().filter(s -> !s.problems().isEmpty()).count());
        counts.put("without_run_summary", o.orphanReceipts());
        ArrayNode arr = n.putArray("results");
        o.results().forEach(r -> arr.add(r.toJson()));
        ArrayNode errors = n.putArray("unreadable");
        for (VerifyRun.Unreadable u : o.unreadable()) {
            errors.addObject().put("source", u.source()).put("message", u.message());
        }
        ArrayNode rs = n.putArray("run_summaries");
        for (VerifyRun.Summary s : o.summaries()) {
            RunSummary summary = s.verification().summary();
            ObjectNode j = rs.addObject();
            j.put("source", s.file().toString());
            j.put("ok", s.problems().isEmpty());
            j.put("build_id", summary.buildId());
            j.put("build_id_source", summary.buildIdSource());
            j.put("sessions", summary.sessions());
            j.put("tests", summary.tests().size());
            j.put("receipts", summary.receipts().size());
            RunSignature.Check sig = s.verification().signature();
            j.putObject("signature").put("outcome", sig.outcome().name()).put("signer_sha256", sig.signerSha256())
                    .put("message", sig.message());
            ArrayNode problems = j.putArray("problems");
            for (VerifyRun.Problem p : s.problems()) {
                problems.addObject().put("kind", p.kind()).put("path", p.path()).put("message", p.message());
            }
        }
        ArrayNode without = n.putArray("without_run_summary");
        for (VerifyRun.Orphans orphans : o.orphans()) {
            ObjectNode j = without.addObject();
            j.put("directory", orphans.directory().toString());
            j.put("receipts", orphans.receipts().size());
            j.put("accepted", o.options().noRunSummary());
            j.put("message", orphanMessage(orphans, o.options().acceptedWithoutSummary()));
        }
        return ReceiptJson.text(n);
    }
}
