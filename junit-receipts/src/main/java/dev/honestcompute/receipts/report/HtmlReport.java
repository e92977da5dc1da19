package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders {@link RunData} as one self-contained HTML page: inline CSS, a small inline script (filtering only) and
 * inline SVG; no external resource, so it opens from {@code file://} and offline. A Content-Security-Policy allows
 * exactly the page's own style and script (by hash), so even text that escaped escaping could not run or load.
 */
final class HtmlReport {

    static final String CSS = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1200px;"
                    + "padding:16px 24px;color:#212121}",
            "h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}"
                    + "h3{font-size:15px;margin:14px 0 6px}",
            "table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 8px;"
                    + "text-align:left;vertical-align:top}th{background:#f5f5f5}td.num{text-align:right;"
                    + "font-variant-numeric:tabular-nums}",
            "code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:break-word}",
            "td.mono{word-break:break-all}code.rule-id{white-space:nowrap}",
            ".verdict{font-size:16px;font-weight:600;padding:8px 12px;border-radius:4px}",
            ".pass{color:#1b5e20}.fail{color:#b71c1c}.warn{color:#e65100}.info{color:#455a64}",
            ".verdict.pass{background:#e8f5e9}.verdict.fail{background:#ffebee}.verdict.warn{background:#fff3e0}",
            ".badge{display:inline-block;min-width:52px;text-align:center;font-size:12px;font-weight:600;"
                    + "border-radius:3px;padding:1px 6px;margin-right:8px;color:#fff;background:#607d8b}",
            ".badge.pass{background:#2e7d32}.badge.fail{background:#c62828}.badge.warn{background:#ef6c00}",
            "tr.noisy td{background:#fff8e1}td.noise{color:#e65100}tr.parity-row.fail td{background:#ffebee}",
            "#parity-table{width:100%}#parity-table td{overflow-wrap:anywhere}#parity-table td:first-child{"
                    + "max-width:260px}#parity-table td:last-child{max-width:380px}",
            ".parity-kernels{display:flex;gap:24px;flex-wrap:wrap}.parity-kernels>div{flex:1 1 320px}",
            "details.test{border:1px solid #ddd;border-radius:4px;margin:6px 0;padding:4px 10px}"
                    + "details.test[open]{padding-bottom:10px}summary{cursor:pointer;padding:4px 0;"
                    + "overflow-wrap:anywhere}",
            ".muted{color:#757575}.dn{color:#555;margin-left:8px}.hidden{display:none}",
            "#controls{margin:8px 0}#filter{width:320px;padding:4px}",
            "svg text{font:12px system-ui,sans-serif;fill:#212121}svg text.axis{fill:#757575;font-size:11px}",
            "ul{margin:4px 0;padding-left:20px}");

    static final String SCRIPT = String.join("\n",
            "(function(){",
            "  var filter=document.getElementById('filter');",
            "  var only=document.getElementById('only-problems');",
            "  var shown=document.getElementById('shown-count');",
            "  if(!filter||!only||!shown){return;}",
            "  function apply(){",
            "    var q=filter.value.trim().toLowerCase();var n=0;",
            "    var tests=document.querySelectorAll('details.test');",
            "    for(var i=0;i<tests.length;i++){",
            "      var t=tests[i];",
            "      var hit=(!q||(t.getAttribute('data-search')||'').indexOf(q)>=0)&&",
            "              (!only.checked||t.getAttribute('data-problem')==='true');",
            "      t.classList.toggle('hidden',!hit);if(hit){n++;}",
            "    }",
            "    shown.textContent=String(n);",
            "  }",
            "  filter.addEventListener('input',apply);only.addEventListener('change',apply);apply();",
            "})();");

    static final String CSP = "default-src 'none'; style-src '" + sha256Base64(CSS) + "'; script-src '"
            + sha256Base64(SCRIPT) + "'; img-src data:; base-uri 'none'; form-action 'none'";

    /** Rows of the perf chart before it shows only the worst measurements. */
    static final int MAX_CHART_ROWS = 150;
    /** Rows of the run's parity table; every check stays in its test's details. */
    static final int MAX_PARITY_ROWS = 2_000;

    private final RunData run;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport(RunData run) {
        this.run = run;
    }

    static String render(RunData run) {
        return new HtmlReport(run).page();
    }

    private String page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.esc(CSP)).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>Honest Compute receipts: ").append(run.verdict()).append("</title>")
                .append("<style>").append(CSS).append("</style></head>\n<body>\n");
        header();
        if (run.empty()) {
            noReceipts();
        }
        overview();
        problems();
        violations();
        parityTable();
        perf();
        notRun();
        tests();
        out.append("<footer class=\"muted\"><p>Rendered by Honest Compute from ")
                .append(Html.esc(run.receiptsDir().toAbsolutePath().toString())).append(" at ")
                .append(Html.esc(run.generatedAt())).append(". Receipts are observed, never declared: kernel ids come "
                        + "only from the recorder's instrumentation.</p></footer>\n");
        out.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return out.toString();
    }

    private void header() {
        out.append("<header><h1>Honest Compute receipts</h1>");
        List<String> reasons = verdictReasons();
        String css = run.failed() ? "fail" : run.empty() ? "warn" : "pass";
        out.append("<p id=\"run-verdict\" class=\"verdict ").append(css).append("\">Run verdict: ")
                .append(run.verdict());
        if (!reasons.isEmpty()) {
            out.append(" — ").append(Html.esc(String.join("; ", reasons)));
        }
        out.append("</p><p class=\"muted\">Receipts directory <code>")
                .append(Html.esc(run.receiptsDir().toAbsolutePath().toString())).append("</code>");
        run.summary().ifPresent(s -> {
            if (!s.startedAt().isEmpty()) {
                out.append(" · run ").append(Html.esc(s.startedAt())).append(" → ").append(Html.esc(s.finishedAt()));
            }
        });
        out.append("</p>");
        run.summary().ifPresent(s -> out.append("<p id=\"build\" class=\"muted\">Run summary: ")
                .append(Html.esc(s.buildAndSignature())).append("</p>"));
        out.append("</header>\n");
    }

    private List<String> verdictReasons() {
        List<String> reasons = new ArrayList<>();
        long problemTests = run.receipts().stream().filter(ReceiptEntry::hasProblem).count();
        if (problemTests > 0) {
            reasons.add(problemTests + " receipt(s) with problems");
        }
        if (!run.unreadable().isEmpty()) {
            reasons.add(run.unreadable().size() + " unreadable file(s)");
        }
        if (!run.missingReceipts().isEmpty()) {
            reasons.add(run.missingReceipts().size() + " receipt(s) listed in the run summary are missing");
        }
        if (!run.stale().isEmpty()) {
            reasons.add(run.stale().size() + " stale receipt(s) in the directory that are not this run's");
        }
        run.summary().ifPresent(s -> {
            long f = s.counts().getOrDefault("failed", 0L) + s.counts().getOrDefault("aborted", 0L);
            if (f > 0) {
                reasons.add(f + " test(s) failed or aborted");
            }
            if (!s.failedContainers().isEmpty()) {
                reasons.add(s.failedContainers().size() + " failed container(s)");
            }
        });
        return reasons;
    }

    private void noReceipts() {
        out.append("<section id=\"no-receipts\"><h2>No receipts</h2><p>No receipts were found in <code>")
                .append(Html.esc(run.receiptsDir().toAbsolutePath().toString())).append("</code>. Receipts are "
                        + "written by tests annotated <code>@EmitsReceipt</code> when they run (<code>mvn test"
                        + "</code>); check that the tests ran and that this is their <code>target/receipts</code> "
                        + "directory.</p></section>\n");
    }

    private void overview() {
        out.append("<section id=\"overview\"><h2>Run overview</h2>");
        Map<String, Long> counts = new LinkedHashMap<>();
        String source;
        if (run.summary().isPresent() && !run.summary().get().counts().isEmpty()) {
            counts.putAll(run.summary().get().counts());
            int sessions = run.summary().get().sessions();
            source = "from run-summary.json (the test platform's counts" + (sessions > 1 ? ", merged from " + sessions
                    + " test sessions: Surefire executions or forks" : "") + ")";
        } else {
            counts.put("receipts", (long) run.receipts().size());
            for (ReceiptEntry r : run.receipts()) {
                counts.merge(r.status(), 1L, Long::sum);
            }
            source = "from the receipts' test status (no run-summary.json)";
        }
        out.append("<table id=\"counts\"><tr>");
        counts.keySet().forEach(k -> out.append("<th>").append(Html.esc(k)).append("</th>"));
        out.append("</tr><tr>");
        counts.forEach((k, v) -> out.append("<td class=\"num ").append(countClass(k, v)).append("\" data-count=\"")
                .append(Html.esc(k)).append("\">").append(v).append("</td>"));
        out.append("</tr></table><p class=\"muted\">Counts ").append(Html.esc(source)).append("; ")
                .append(run.receipts().size()).append(" receipt(s) read.</p>");

        List<BackendTotals> backends = BackendTotals.of(run.receipts());
        out.append("<h3>Kernels per backend</h3>");
        if (backends.isEmpty()) {
            out.append("<p class=\"muted\">No kernel statistics in any receipt.</p>");
        } else {
            out.append("<table id=\"backends\"><tr><th>backend</th><th>kernels</th><th>calls</th>"
                    + "<th>failed calls</th><th>time</th><th>tests</th></tr>");
            for (BackendTotals b : backends) {
                out.append("<tr class=\"backend-row\"><td><code>").append(Html.esc(b.backend()))
                        .append("</code></td><td>").append(Html.esc(String.join(", ", b.kernels())))
                        .append("</td><td class=\"num\">").append(b.calls()).append("</td><td class=\"num")
                        .append(b.failedCalls() > 0 ? " fail" : "").append("\">").append(b.failedCalls())
                        .append("</td><td class=\"num\">").append(Html.esc(b.time()))
                        .append("</td><td class=\"num\">").append(b.tests()).append("</td></tr>");
            }
            out.append("</table>");
        }
        JsonNode host = RunLoader.host(run);
        out.append("<h3>Host</h3>");
        if (host == null) {
            out.append("<p class=\"muted\">No host fingerprint in the run summary or the receipts.</p>");
        } else {
            keyValueTable("host", JsonFlat.flatten(host));
        }
        out.append("</section>\n");
    }

    private static String countClass(String name, long value) {
        if (value == 0) {
            return "";
        }
        switch (name) {
            case "failed":
            case "aborted":
                return "fail";
            case "passed":
                return "pass";
            case "skipped":
            case "deselected":
                return "warn";
            default:
                return "";
        }
    }

    private void problems() {
        if (run.unreadable().isEmpty() && run.missingReceipts().isEmpty() && run.stale().isEmpty()
                && run.summary().map(s -> s.failedContainers().isEmpty()).orElse(true)) {
            return;
        }
        out.append("<section id=\"problems\"><h2>Problems outside the tests</h2>");
        if (!run.unreadable().isEmpty()) {
            out.append("<h3>Unreadable files</h3><table id=\"unreadable\"><tr><th>file</th><th>reason</th></tr>");
            for (UnreadableFile u : run.unreadable()) {
                out.append("<tr class=\"unreadable\"><td><code>").append(Html.esc(u.file())).append("</code></td><td>")
                        .append(Html.esc(u.reason())).append("</td></tr>");
            }
            out.append("</table>");
        }
        if (!run.missingReceipts().isEmpty()) {
            out.append("<h3>Receipts listed in run-summary.json but missing on disk</h3><ul id=\"missing\">");
            run.missingReceipts().forEach(m -> out.append("<li><code>").append(Html.esc(m)).append("</code></li>"));
            out.append("</ul>");
        }
        if (!run.stale().isEmpty()) {
            out.append("<h3>Stale receipts: in the directory, not this run's</h3><p class=\"muted\">run-summary.json "
                    + "does not list these files, so they are not counted or shown as this run's tests; 'verify' "
                    + "fails until they are gone.</p><table id=\"stale\"><tr><th>file</th><th>build</th><th>test</th>"
                    + "<th>why</th></tr>");
            for (StaleReceipt st : run.stale()) {
                out.append("<tr class=\"stale\"><td><code>").append(Html.esc(st.file())).append("</code></td><td><code>")
                        .append(Html.esc(st.buildId())).append("</code></td><td>").append(Html.esc(st.test()))
                        .append("</td><td>").append(Html.esc(st.reason())).append("</td></tr>");
            }
            out.append("</table>");
        }
        run.summary().ifPresent(s -> {
            if (!s.failedContainers().isEmpty()) {
                out.append("<h3>Failed containers</h3><ul id=\"failed-containers\">");
                s.failedContainers().forEach(c -> out.append("<li class=\"fail\">").append(Html.esc(c)).append("</li>"));
                out.append("</ul>");
            }
        });
        out.append("</section>\n");
    }

    private void violations() {
        out.append("<section id=\"violations\"><h2>Verifier violations</h2>");
        if (run.allViolations().isEmpty()) {
            out.append("<p class=\"muted\">No rule violations reported.</p></section>\n");
            return;
        }
        out.append("<table><tr><th>rule</th><th>severity</th><th>test</th><th>field</th><th>found</th>"
                + "<th>message</th><th>what to do</th></tr>");
        for (ReceiptEntry r : run.receipts()) {
            for (ReportViolation v : r.violations()) {
                out.append("<tr class=\"violation\"><td><code class=\"rule-id\">").append(Html.esc(v.ruleId()))
                        .append("</code></td><td class=\"").append(v.isError() ? "fail" : "warn").append("\">")
                        .append(Html.esc(v.severity())).append("</td><td>").append(Html.esc(r.testName()))
                        .append("</td><td><code>").append(Html.esc(v.field())).append("</code></td><td><code>")
                        .append(Html.esc(v.found())).append("</code></td><td>").append(Html.esc(v.message()))
                        .append("</td><td>").append(Html.esc(v.remedy())).append("</td></tr>");
            }
        }
        out.append("</table></section>\n");
    }

    /** Every parity metric of the run in one table: per test and input, the value, its limit and the outcome. */
    private void parityTable() {
        List<String> rows = new ArrayList<>();
        int failed = 0;
        for (ReceiptEntry r : run.receipts()) {
            for (ParityCheck p : r.parity()) {
                if (p.metrics().isEmpty()) {
                    String why = p.details().getOrDefault("errors", p.verdictText());
                    rows.add(parityRow(r, p, null, why));
                    failed += p.verdict() == Outcome.FAIL ? 1 : 0;
                }
                for (ParityCheck.Metric m : p.metrics()) {
                    rows.add(parityRow(r, p, m, m.detail()));
                    failed += m.outcome() == Outcome.FAIL ? 1 : 0;
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("<section id=\"parity\"><h2>Parity</h2><p class=\"muted\">Every metric of every parity check: "
                + "the engine under test against its reference, per test and input. ").append(failed)
                .append(" failed.");
        if (rows.size() > MAX_PARITY_ROWS) {
            out.append(" Showing the first ").append(MAX_PARITY_ROWS).append(" of ").append(rows.size())
                    .append(" rows; every check is in its test's details below.");
        }
        out.append("</p><table id=\"parity-table\"><tr><th>test</th><th>profile</th><th>input</th><th>metric</th>"
                + "<th>value</th><th>limit</th><th>outcome</th><th>detail</th></tr>");
        rows.stream().limit(MAX_PARITY_ROWS).forEach(out::append);
        out.append("</table></section>\n");
    }

    private static String parityRow(ReceiptEntry r, ParityCheck p, ParityCheck.Metric m, String detail) {
        Outcome outcome = m == null ? p.verdict() : m.outcome();
        return "<tr class=\"parity-row " + outcome.css() + "\" data-outcome=\"" + outcome.css() + "\"><td>"
                + Html.esc(r.testName()) + "</td><td>" + Html.esc(p.label()) + "</td><td><code>"
                + Html.esc(p.input()) + "</code></td><td><code>" + Html.esc(m == null ? "(check)" : m.name())
                + "</code></td><td class=\"num\">" + Html.esc(m == null ? "" : m.value()) + "</td><td>"
                + Html.esc(m == null ? "" : (m.comparison() + " " + m.limit()).trim()) + "</td><td class=\""
                + outcome.css() + "\">" + Html.esc(m == null ? p.verdictText() : m.outcomeText()) + "</td><td>"
                + Html.esc(detail) + "</td></tr>";
    }

    private void perf() {
        List<PerfChart.Row> rows = new ArrayList<>();
        for (ReceiptEntry r : run.receipts()) {
            for (PerfMeasurement m : r.perf()) {
                rows.add(new PerfChart.Row(r.testName(), m));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("<section id=\"perf\"><h2>Performance against baseline</h2><p class=\"muted\">Bars show current "
                + "time per unit divided by the baseline's (1 = baseline, right = slower); grey band: threshold; "
                + "whisker: confidence interval.");
        if (rows.size() > MAX_CHART_ROWS) {
            // A chart taller than a few screens helps nobody: show the worst first, the rest stay in the tables.
            List<PerfChart.Row> worstFirst = new ArrayList<>(rows);
            worstFirst.sort(java.util.Comparator.comparingInt(r -> r.measurement().outcome() == Outcome.FAIL ? 0
                    : r.measurement().outcome() == Outcome.WARN ? 1 : 2));
            out.append(" Showing ").append(MAX_CHART_ROWS).append(" of ").append(rows.size())
                    .append(" measurements, regressions first; every measurement is in its test's table below.");
            rows = worstFirst.subList(0, MAX_CHART_ROWS);
        }
        out.append("</p>").append(PerfChart.svg(rows));
        List<String> variants = new ArrayList<>();
        for (ReceiptEntry r : run.receipts()) {
            for (VariantComparison v : r.variants()) {
                variants.add("<tr class=\"perf-variant" + (v.noisy() ? " noisy" : "") + "\"><td>"
                        + Html.esc(r.testName()) + "</td>" + variantCells(v) + "</tr>");
            }
        }
        if (!variants.isEmpty()) {
            out.append("<h3>Variants within one receipt</h3><p class=\"muted\">Each measurement of a perf receipt "
                    + "against the receipt's first (its baseline variant): speed-up of the median time per unit. "
                    + "Noisy: a spread (coefficient of variation) above ")
                    .append(VariantComparison.percent(VariantComparison.MAX_QUIET_CV))
                    .append(", a host load average of ")
                    .append(Numbers.format(VariantComparison.MAX_QUIET_LOAD_PER_CORE))
                    .append(" or more per logical core, or fewer than ").append(VariantComparison.MIN_SAMPLES)
                    .append(" samples: do not read a speed-up (or a slow-down) from a noisy row; re-measure on a "
                            + "quiet machine.</p><table id=\"perf-variants\"><tr><th>test</th>")
                    .append(VARIANT_HEADER).append("</tr>");
            variants.forEach(out::append);
            out.append("</table>");
        }
        out.append("</section>\n");
    }

    static final String VARIANT_HEADER = "<th>baseline variant</th><th>variant</th><th>median per unit</th>"
            + "<th>speed-up</th><th>spread (CV)</th><th>host load / core</th><th>noise</th>";

    private static String variantCells(VariantComparison v) {
        return "<td>" + Html.esc(v.baseline()) + " (" + Html.esc(ms(v.baselineMs())) + ")</td><td>"
                + Html.esc(v.variant()) + "</td><td class=\"num\">" + Html.esc(ms(v.variantMs())) + "/"
                + Html.esc(unit(v))
                + "</td><td class=\"num speedup\">" + Html.esc(v.speedupText()) + "</td><td class=\"num\">"
                + Html.esc(VariantComparison.percent(v.cvBaseline()) + " / " + VariantComparison.percent(v.cvVariant()))
                + "</td><td class=\"num\">" + (Double.isNaN(v.loadPerCore()) ? "not recorded"
                : Html.esc(Numbers.format(v.loadPerCore()))) + "</td><td class=\"noise\">"
                + (v.noisy() ? "noisy: " + Html.esc(String.join("; ", v.noise())) : "<span class=\"pass\">quiet</span>")
                + "</td>";
    }

    private static String unit(VariantComparison v) {
        return v.unit().endsWith("s") ? v.unit().substring(0, v.unit().length() - 1) : v.unit();
    }

    private static String ms(double v) {
        return Double.isFinite(v) ? Numbers.format(v) + " ms" : "?";
    }

    private void notRun() {
        RunSummaryView s = run.summary().orElse(null);
        if (s == null || s.deselectedByRule().isEmpty() && s.skipped().isEmpty()) {
            return;
        }
        out.append("<section id=\"not-run\"><h2>Tests not run</h2>");
        if (!s.deselectedByRule().isEmpty()) {
            out.append("<h3>Deselected by rule</h3><table id=\"deselected\"><tr><th>rule</th><th>tests</th></tr>");
            s.deselectedByRule().forEach((rule, n) -> out.append("<tr class=\"deselected-rule\"><td><code>")
                    .append(Html.esc(rule)).append("</code></td><td class=\"num\">").append(n).append("</td></tr>"));
            out.append("</table>");
        }
        if (!s.skipped().isEmpty()) {
            out.append("<h3>Skipped or deselected tests and why</h3><table id=\"skipped\"><tr><th>test</th>"
                    + "<th>display name</th><th>reason</th></tr>");
            for (RunSummaryView.SkippedTest t : s.skipped()) {
                out.append("<tr class=\"skipped-test\"><td><code>").append(Html.esc(t.test())).append("</code></td><td>")
                        .append(Html.esc(t.displayName())).append("</td><td>").append(Html.esc(t.reason()))
                        .append("</td></tr>");
            }
            out.append("</table>");
        }
        out.append("</section>\n");
    }

    private void tests() {
        if (run.receipts().isEmpty()) {
            return;
        }
        out.append("<section id=\"tests\"><h2>Tests</h2><div id=\"controls\"><input id=\"filter\" type=\"search\" "
                + "placeholder=\"filter by test, kernel, backend, rule…\" aria-label=\"filter tests\"> <label>"
                + "<input id=\"only-problems\" type=\"checkbox\"> only tests with problems</label> <span "
                + "class=\"muted\">showing <span id=\"shown-count\">").append(run.receipts().size())
                .append("</span> of ").append(run.receipts().size()).append("</span></div>");
        for (ReceiptEntry r : run.receipts()) {
            test(r);
        }
        out.append("</section>\n");
    }

    private void test(ReceiptEntry r) {
        Receipt receipt = r.receipt();
        boolean problem = r.hasProblem();
        Outcome status = Outcome.of(r.status());
        StringBuilder search = new StringBuilder(r.testName()).append(' ').append(r.displayName()).append(' ')
                .append(r.file());
        receipt.kernelStats().forEach(k -> search.append(' ').append(k.id()).append(' ').append(k.backend()));
        r.violations().forEach(v -> search.append(' ').append(v.ruleId()));
        out.append("<details class=\"test\" data-problem=\"").append(problem).append("\" data-search=\"")
                .append(Html.esc(search.toString().toLowerCase(Locale.ROOT))).append("\"")
                .append(problem ? " open" : "").append("><summary><span class=\"badge status ").append(status.css())
                .append("\" data-status=\"").append(Html.esc(r.status())).append("\"")
                .append(r.statusNote().isEmpty() ? "" : " title=\"" + Html.esc(r.statusNote()) + "\"").append(">")
                .append(Html.esc(r.status())).append("</span>");
        if (r.ruleErrors() > 0) {
            out.append("<span class=\"badge rules fail\">").append(r.ruleErrors()).append(" rule error")
                    .append(r.ruleErrors() == 1 ? "" : "s").append("</span>");
        }
        out.append("<span class=\"test-name\">").append(Html.esc(r.testName())).append("</span>");
        if (!r.displayName().isEmpty() && !r.testName().endsWith("#" + r.displayName())) {
            out.append("<span class=\"dn display-name\">").append(Html.esc(r.displayName())).append("</span>");
        }
        if (problem) {
            out.append(" <span class=\"fail problems\">needs attention: ").append(Html.esc(String.join(", ",
                    r.problems()))).append("</span>");
        }
        out.append("</summary>");

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("receipt file", r.file());
        if (!r.statusNote().isEmpty()) {
            meta.put("status", r.status() + " (" + r.statusNote() + ")");
        }
        meta.put("compute path", receipt.computePath().orElse("(missing)"));
        meta.put("backend", receipt.backend().orElse("(missing)"));
        meta.put("schema version", receipt.schemaVersion().orElse("(missing)"));
        meta.put("timestamp", receipt.get(ReceiptFields.TIMESTAMP).asText(""));
        meta.put("file sha256", r.sha256() + " (" + hashText(r.hashCheck()) + ")");
        JsonNode claims = receipt.get(ReceiptFields.CLAIMS);
        JsonFlat.flatten(claims).forEach((k, v) -> meta.put("claim " + k, v));
        JsonNode recorder = receipt.get(ReceiptFields.RECORDER);
        JsonFlat.flatten(recorder).forEach((k, v) -> meta.put("recorder " + k, v));
        keyValueTable(null, meta);
        if (receipt.computePath().map(ReceiptFields.MOCK::equals).orElse(false)) {
            out.append("<p class=\"fail\">This receipt admits mock compute (compute_path = mock).</p>");
        }
        if (r.hashCheck() == HashCheck.MISMATCH) {
            out.append("<p class=\"fail hash-mismatch\">The file changed after the run summary recorded its "
                    + "SHA-256: it was edited after the run. Re-run the tests to get an honest receipt.</p>");
        }
        JsonNode failure = receipt.get(ReceiptFields.TEST).path(ReceiptFields.FAILURE);
        if (!failure.isMissingNode() && !failure.isNull()) {
            out.append("<h3>Failure</h3><pre class=\"mono failure\">")
                    .append(Html.esc(failure.isTextual() ? failure.textValue()
                            : failure.path("message").asText(failure.toString())))
                    .append("</pre>");
        }
        kernels(receipt, r.parityKernels().orElse(null));
        fallbacks(receipt);
        fixtures(receipt);
        parity(r);
        perfTable(r);
        JsonNode determinism = receipt.get(ReceiptFields.DETERMINISM);
        if (!determinism.isMissingNode() && !determinism.isNull()) {
            out.append("<h3>Determinism</h3>");
            keyValueTable(null, JsonFlat.flatten(determinism));
        }
        if (!r.violations().isEmpty()) {
            out.append("<h3>Violations</h3><ul>");
            for (ReportViolation v : r.violations()) {
                out.append("<li class=\"").append(v.isError() ? "fail" : "warn").append("\"><code>")
                        .append(Html.esc(v.ruleId())).append("</code> ").append(Html.esc(v.message()));
                if (!v.remedy().isEmpty()) {
                    out.append(" — ").append(Html.esc(v.remedy()));
                }
                out.append("</li>");
            }
            out.append("</ul>");
        }
        out.append("</details>\n");
    }

    private void kernels(Receipt receipt, ParityKernels parity) {
        List<Receipt.KernelStat> stats = receipt.kernelStats();
        Set<String> idsOnly = new TreeSet<>(receipt.kernels());
        stats.forEach(k -> idsOnly.remove(k.id()));
        out.append("<h3>Kernels</h3>");
        if (stats.isEmpty() && idsOnly.isEmpty()) {
            out.append("<p class=\"warn\">No kernel was observed.</p>");
            return;
        }
        if (parity != null) {
            out.append("<p class=\"muted\">The test's window: the engine under test. The reference engine's kernels "
                    + "are listed apart under Parity and are never evidence for the engine.</p>");
        }
        out.append("<table class=\"kernels\"><tr><th>kernel</th><th>backend</th><th>calls</th><th>failed calls</th>"
                + "<th>time</th></tr>");
        for (Receipt.KernelStat k : stats) {
            boolean reference = parity != null && parity.referenceOnly(k.id(), k.backend());
            out.append("<tr class=\"kernel-row").append(reference ? " reference-kernel" : "").append("\"><td><code>")
                    .append(Html.esc(k.id())).append("</code>").append(reference
                            ? " <span class=\"warn\">(the reference's kernel)</span>" : "").append("</td><td>")
                    .append(Html.esc(k.backend())).append("</td><td class=\"num\">").append(k.calls())
                    .append("</td><td class=\"num").append(k.failedCalls() > 0 ? " fail" : "").append("\">")
                    .append(k.failedCalls()).append("</td><td class=\"num\">")
                    .append(Html.esc(Numbers.kernelTime(k.nanos(), k.timedCalls(), k.calls() + k.failedCalls())))
                    .append("</td></tr>");
        }
        for (String id : idsOnly) {
            out.append("<tr class=\"kernel-row id-only\"><td><code>").append(Html.esc(id)).append("</code></td>")
                    .append("<td colspan=\"4\" class=\"muted\">listed in kernels only, no statistics (a receipt "
                            + "from another tool)</td></tr>");
        }
        out.append("</table>");
    }

    private void fallbacks(Receipt receipt) {
        List<Receipt.FallbackEntry> fallbacks = receipt.fallbacks();
        if (fallbacks.isEmpty()) {
            return;
        }
        out.append("<h3>Fallbacks</h3><ul class=\"fallbacks\">");
        for (Receipt.FallbackEntry f : fallbacks) {
            out.append("<li class=\"fallback warn\">requested <code>").append(Html.esc(f.requested()))
                    .append("</code> → ran on <code>").append(Html.esc(f.effective())).append("</code>: <code>")
                    .append(Html.esc(f.reasonCode())).append("</code>");
            if (!f.detail().isEmpty()) {
                out.append(" — ").append(Html.esc(f.detail()));
            }
            out.append("</li>");
        }
        out.append("</ul>");
    }

    private void fixtures(Receipt receipt) {
        List<Receipt.FixtureEntry> fixtures = receipt.fixtures();
        if (fixtures.isEmpty()) {
            return;
        }
        out.append("<h3>Fixtures</h3><table class=\"fixtures\"><tr><th>fixture</th><th>sha256</th><th>size</th></tr>");
        for (Receipt.FixtureEntry f : fixtures) {
            out.append("<tr class=\"fixture-row\"><td>").append(Html.esc(f.name())).append("</td><td><code>")
                    .append(Html.esc(f.sha256())).append("</code></td><td class=\"num\">")
                    .append(f.sizeBytes() < 0 ? "" : f.sizeBytes() + " B").append("</td></tr>");
        }
        out.append("</table>");
    }

    private void parity(ReceiptEntry r) {
        if (r.parity().isEmpty()) {
            return;
        }
        out.append("<h3>Parity</h3>");
        r.parityKernels().ifPresent(this::parityKernels);
        for (ParityCheck p : r.parity()) {
            out.append("<div class=\"parity\"><p><span class=\"badge ").append(p.verdict().css()).append("\">")
                    .append(Html.esc(p.verdictText())).append("</span>").append(Html.esc(p.label()))
                    .append(p.input().isEmpty() ? "" : " · input <code>" + Html.esc(p.input()) + "</code>")
                    .append("</p>");
            Map<String, String> details = new LinkedHashMap<>(p.details());
            details.remove("passed");
            if (!details.isEmpty()) {
                keyValueTable(null, details);
            }
            if (!p.metrics().isEmpty()) {
                out.append("<table class=\"parity-metrics\"><tr><th>metric</th><th>value</th><th>limit</th>"
                        + "<th>outcome</th><th>detail</th></tr>");
                for (ParityCheck.Metric m : p.metrics()) {
                    out.append("<tr class=\"parity-metric\"><td><code>").append(Html.esc(m.name()))
                            .append("</code></td><td class=\"num\">").append(Html.esc(m.value()))
                            .append("</td><td>").append(Html.esc((m.comparison() + " " + m.limit()).trim()))
                            .append("</td><td class=\"").append(m.outcome().css()).append("\">")
                            .append(Html.esc(m.outcomeText())).append("</td><td>").append(Html.esc(m.detail()))
                            .append("</td></tr>");
                }
                out.append("</table>");
            }
            out.append("</div>");
        }
    }

    /** The kernels each side of the parity checks ran, side by side and never mixed. */
    private void parityKernels(ParityKernels k) {
        out.append("<div class=\"parity-kernels\">");
        parityKernelList("engine-kernels", "Engine under test" + (k.engine().isEmpty() ? "" : ": " + k.engine()),
                k.engineRan());
        parityKernelList("reference-kernels", "Reference" + (k.reference().isEmpty() ? "" : ": " + k.reference())
                + " (not evidence for the engine)", k.referenceRan());
        out.append("</div>");
    }

    private void parityKernelList(String css, String title, List<ParityKernels.KernelUse> kernels) {
        out.append("<div><p><b>").append(Html.esc(title)).append("</b></p>");
        if (kernels.isEmpty()) {
            out.append("<p class=\"warn\">no kernel observed</p></div>");
            return;
        }
        out.append("<table class=\"").append(css).append("\"><tr><th>kernel</th><th>backend</th><th>calls</th></tr>");
        for (ParityKernels.KernelUse u : kernels) {
            out.append("<tr><td><code>").append(Html.esc(u.id())).append("</code></td><td>")
                    .append(Html.esc(u.backend()))
                    .append("</td><td class=\"num\">").append(u.calls() < 0 ? "" : String.valueOf(u.calls()))
                    .append("</td></tr>");
        }
        out.append("</table></div>");
    }

    private void perfTable(ReceiptEntry r) {
        if (r.perf().isEmpty()) {
            return;
        }
        out.append("<h3>Performance</h3><table class=\"perf\"><tr><th>measurement</th><th>p50</th><th>p95</th>"
                + "<th>mean</th><th>throughput</th><th>vs baseline</th><th>verdict</th></tr>");
        for (PerfMeasurement m : r.perf()) {
            out.append("<tr class=\"perf-measurement\"><td>").append(Html.esc(m.name())).append("</td>")
                    .append(numCell(m.p50Ms(), " ms")).append(numCell(m.p95Ms(), " ms"))
                    .append(numCell(m.meanMs(), " ms")).append(numCell(m.unitsPerSecond(), " " + m.unit() + "/s"))
                    .append("<td class=\"num\">").append(Double.isFinite(m.ratio())
                            ? Html.esc(Numbers.format(m.ratio()) + "x (" + Numbers.deltaPercent(m.ratio()) + ")") : "")
                    .append("</td><td class=\"").append(m.outcome().css()).append("\" title=\"")
                    .append(Html.esc(m.message())).append("\">").append(Html.esc(m.verdict())).append("</td></tr>");
        }
        out.append("</table>");
        List<VariantComparison> variants = r.variants();
        if (!variants.isEmpty()) {
            out.append("<table class=\"perf-variants\"><tr>").append(VARIANT_HEADER).append("</tr>");
            for (VariantComparison v : variants) {
                out.append("<tr class=\"perf-variant").append(v.noisy() ? " noisy" : "").append("\">")
                        .append(variantCells(v)).append("</tr>");
            }
            out.append("</table>");
        }
    }

    private static String numCell(double v, String unit) {
        return "<td class=\"num\">" + (Double.isNaN(v) ? "" : Html.esc(Numbers.format(v) + unit)) + "</td>";
    }

    private void keyValueTable(String id, Map<String, String> entries) {
        out.append("<table class=\"kv\"").append(id == null ? "" : " id=\"" + id + "\"").append(">");
        entries.forEach((k, v) -> out.append("<tr><th>").append(Html.esc(k)).append("</th><td class=\"mono\">")
                .append(Html.esc(v)).append("</td></tr>"));
        out.append("</table>");
    }

    private static String hashText(HashCheck check) {
        switch (check) {
            case MATCHES:
                return "matches run-summary.json";
            case MISMATCH:
                return "DIFFERS from run-summary.json";
            default:
                return "no run summary to compare with";
        }
    }

    static String sha256Base64(String text) {
        byte[] digest = Sha256.digest().digest(text.getBytes(StandardCharsets.UTF_8));
        return "sha256-" + Base64.getEncoder().encodeToString(digest);
    }
}
