package dev.honestcompute.receipts.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link RunData} as GitHub-flavoured Markdown for CI step summaries and pull-request comments: the verdict,
 * counts, kernels per backend, parity verdicts, performance deltas, violations and unreadable files. Text from
 * receipts is escaped (HTML and Markdown), and long tables are cut at {@link #MAX_ROWS} rows with a count of the
 * rest, so the summary stays well under GitHub's 1 MiB step-summary limit.
 */
final class MarkdownReport {

    static final int MAX_ROWS = 100;

    private final RunData run;
    private final StringBuilder out = new StringBuilder(8 * 1024);

    private MarkdownReport(RunData run) {
        this.run = run;
    }

    static String render(RunData run) {
        return new MarkdownReport(run).document();
    }

    private String document() {
        String icon = run.failed() ? "❌ " : run.empty() ? "⚠️ " : "✅ ";
        out.append("## Honest Compute receipts: ").append(icon).append(run.verdict()).append("\n\n");
        if (run.empty()) {
            out.append("No receipts were found in `").append(code(run.receiptsDir().toAbsolutePath().toString()))
                    .append("`. Receipts are written by tests annotated `@EmitsReceipt` when they run.\n\n");
        }
        counts();
        attention();
        backends();
        parity();
        perf();
        violations();
        unreadable();
        stale();
        notRun();
        out.append("<sub>").append(run.receipts().size()).append(" receipt(s) from `")
                .append(code(run.receiptsDir().toString())).append("`, rendered ").append(esc(run.generatedAt()))
                .append(". Full report: `index.html` beside this file.</sub>\n");
        return out.toString();
    }

    private void counts() {
        Map<String, Long> counts = run.summary().map(RunSummaryView::counts).orElse(Map.of());
        if (counts.isEmpty()) {
            long passed = run.receipts().stream().filter(r -> r.status().equals("passed")).count();
            out.append("| receipts | passed | not passed |\n|---:|---:|---:|\n| ").append(run.receipts().size())
                    .append(" | ").append(passed).append(" | ").append(run.receipts().size() - passed)
                    .append(" |\n\n_No run-summary.json: counts from the receipts._\n\n");
            return;
        }
        StringBuilder head = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        StringBuilder row = new StringBuilder("|");
        counts.forEach((k, v) -> {
            head.append(' ').append(esc(k)).append(" |");
            rule.append("---:|");
            row.append(' ').append(v).append(" |");
        });
        out.append(head).append('\n').append(rule).append('\n').append(row).append("\n\n");
        run.summary().ifPresent(s -> out.append("_Run summary: ").append(esc(s.buildAndSignature())).append("._\n\n"));
        int sessions = run.summary().map(RunSummaryView::sessions).orElse(1);
        if (sessions > 1) {
            out.append("_Counts merged from ").append(sessions)
                    .append(" test sessions (Surefire executions or forks) writing into this directory._\n\n");
        }
    }

    private void attention() {
        List<String> rows = new ArrayList<>();
        for (ReceiptEntry r : run.receipts()) {
            if (r.hasProblem()) {
                rows.add("| " + esc(r.testName()) + " | " + esc(String.join(", ", r.problems())) + " |");
            }
        }
        table("Tests needing attention", "| test | why |\n|---|---|", rows);
    }

    private void backends() {
        List<BackendTotals> totals = BackendTotals.of(run.receipts());
        if (totals.isEmpty()) {
            return;
        }
        out.append("### Kernels per backend\n\n| backend | kernels | calls | failed calls | time | tests |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        for (BackendTotals b : totals) {
            out.append("| `").append(code(b.backend())).append("` | ").append(esc(String.join(", ", b.kernels())))
                    .append(" | ").append(b.calls()).append(" | ").append(b.failedCalls()).append(" | ")
                    .append(esc(b.time())).append(" | ").append(b.tests()).append(" |\n");
        }
        out.append('\n');
    }

    private void parity() {
        List<String> verdicts = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (ReceiptEntry r : run.receipts()) {
            for (ParityCheck p : r.parity()) {
                List<String> failedMetrics = new ArrayList<>();
                for (ParityCheck.Metric m : p.metrics()) {
                    if (m.outcome() == Outcome.FAIL) {
                        failedMetrics.add(m.name() + " = " + m.value() + " (" + (m.comparison() + " " + m.limit())
                                .trim() + ")");
                    }
                    metrics.add("| " + esc(r.testName()) + " | " + esc(p.input()) + " | `" + code(m.name()) + "` | "
                            + esc(m.value()) + " | " + esc((m.comparison() + " " + m.limit()).trim()) + " | "
                            + icon(m.outcome()) + " " + esc(m.outcomeText().toLowerCase(java.util.Locale.ROOT)) + " |");
                }
                verdicts.add("| " + esc(r.testName()) + " | " + esc(p.label()) + (p.input().isEmpty() ? "" : " · "
                        + esc(p.input())) + " | " + icon(p.verdict()) + " " + esc(p.verdictText()) + " | "
                        + esc(String.join("; ", failedMetrics)) + " |");
            }
        }
        table("Parity verdicts", "| test | comparison | verdict | failed metrics |\n|---|---|---|---|", verdicts);
        table("Parity metrics", "| test | input | metric | value | limit | outcome |\n|---|---|---|---:|---|---|",
                metrics);
    }

    private void perf() {
        List<String> rows = new ArrayList<>();
        List<String> variants = new ArrayList<>();
        for (ReceiptEntry r : run.receipts()) {
            for (PerfMeasurement m : r.perf()) {
                rows.add("| " + esc(r.testName()) + " | " + esc(m.name()) + " | "
                        + (Double.isNaN(m.p50Ms()) ? "" : esc(Numbers.format(m.p50Ms())) + " ms") + " | "
                        + (Double.isFinite(m.ratio()) ? esc(Numbers.deltaPercent(m.ratio())) : "") + " | "
                        + icon(m.outcome()) + " " + esc(m.verdict()) + " |");
            }
            for (VariantComparison v : r.variants()) {
                variants.add("| " + esc(r.testName()) + " | " + esc(v.variant()) + " vs " + esc(v.baseline()) + " | "
                        + esc(v.speedupText()) + " | "
                        + (v.noisy() ? "⚠️ noisy: " + esc(String.join("; ", v.noise()))
                        : "quiet") + " |");
            }
        }
        table("Performance against baseline", "| test | measurement | p50 | delta (time/unit) | verdict |\n"
                + "|---|---|---:|---:|---|", rows);
        table("Performance variants within one receipt", "| test | variant | speed-up (median time/unit) | noise |\n"
                + "|---|---|---:|---|", variants);
    }

    private void violations() {
        List<String> rows = new ArrayList<>();
        for (ReceiptEntry r : run.receipts()) {
            for (ReportViolation v : r.violations()) {
                rows.add("| `" + code(v.ruleId()) + "` | " + esc(v.severity()) + " | " + esc(r.testName()) + " | "
                        + (v.field().isEmpty() ? "" : "`" + code(v.field()) + "`") + " | " + esc(v.message())
                        + (v.remedy().isEmpty() ? "" : " — " + esc(v.remedy())) + " |");
            }
        }
        table("Verifier violations", "| rule | severity | test | field | message |\n|---|---|---|---|---|", rows);
    }

    private void unreadable() {
        List<String> rows = new ArrayList<>();
        run.unreadable().forEach(u -> rows.add("| `" + code(u.file()) + "` | " + esc(u.reason()) + " |"));
        run.missingReceipts().forEach(m -> rows.add("| `" + code(m) + "` | listed in run-summary.json, missing on "
                + "disk |"));
        for (ReceiptEntry r : run.receipts()) {
            if (r.hashCheck() == HashCheck.MISMATCH) {
                rows.add("| `" + code(r.file()) + "` | SHA-256 differs from run-summary.json: edited after the run |");
            }
        }
        table("Unreadable or tampered files", "| file | reason |\n|---|---|", rows);
    }

    private void stale() {
        List<String> rows = new ArrayList<>();
        run.stale().forEach(st -> rows.add("| `" + code(st.file()) + "` | " + (st.buildId().isEmpty() ? "" : "`"
                + code(st.buildId()) + "`") + " | " + esc(st.test()) + " | " + esc(st.reason()) + " |"));
        table("Stale receipts (in the directory, not this run's)", "| file | build | test | why |\n|---|---|---|---|",
                rows);
    }

    private void notRun() {
        RunSummaryView s = run.summary().orElse(null);
        if (s == null || s.deselectedByRule().isEmpty()) {
            return;
        }
        List<String> rows = new ArrayList<>();
        s.deselectedByRule().forEach((rule, n) -> rows.add("| `" + code(rule) + "` | " + n + " |"));
        table("Deselected by rule", "| rule | tests |\n|---|---:|", rows);
    }

    private void table(String title, String header, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append("\n\n").append(header).append('\n');
        rows.stream().limit(MAX_ROWS).forEach(r -> out.append(r).append('\n'));
        if (rows.size() > MAX_ROWS) {
            out.append("\n_… and ").append(rows.size() - MAX_ROWS).append(" more rows in index.html._\n");
        }
        out.append('\n');
    }

    private static String icon(Outcome o) {
        switch (o) {
            case PASS:
                return "✅";
            case FAIL:
                return "❌";
            case WARN:
                return "⚠️";
            default:
                return "ℹ️";
        }
    }

    /** Escapes text for a Markdown table cell: HTML is neutralised and Markdown syntax is shown literally. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\r' -> sb.append(' ');
                case '|', '\\', '`', '*', '_', '[', ']', '~' -> sb.append('\\').append(c);
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** Text inside a code span: no escapes apply there, so backticks and pipes are replaced, newlines flattened. */
    static String code(String text) {
        if (text == null) {
            return "";
        }
        return text.replace('`', '\'').replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }
}
