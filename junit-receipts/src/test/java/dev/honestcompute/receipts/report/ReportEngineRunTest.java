package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.ReceiptVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of receipts in the layouts the library writes today ({@link ReportInputs#copyEngineRun}): the parity
 * table, the engine's kernels apart from the reference's, status badges that follow the run summary, perf variants
 * compared with a noise flag, and files everyone can read. Judged by the real verifier.
 */
class ReportEngineRunTest {

    @TempDir
    Path tmp;

    private ReportFiles render() throws Exception {
        Path dir = ReportInputs.copyEngineRun(tmp.resolve("receipts"));
        return ReportRenderer.renderDirectory(dir, ViolationSource.of(ReceiptVerifier.forPolicy("default")));
    }

    @Test
    void theParityTableListsEveryMetricPerTestAndInputWithItsLimitAndOutcome() throws Exception {
        String html = Files.readString(render().indexHtml());

        String table = section(html, "parity");
        assertThat(table).contains("1 failed.");
        // two inputs x three metrics of the SIMD test, three metrics of the llama.cpp test
        assertThat(count(table, "<tr class=\"parity-row ")).isEqualTo(9);
        assertThat(table).contains("<tr class=\"parity-row fail\" data-outcome=\"fail\"><td>com.acme.SimdParityTest"
                + "#simdLogitsMatchTheScalarBackend</td><td>fp32</td><td><code>long-prompt</code></td><td><code>"
                + "mismatch_ratio</code></td><td class=\"num\">0.0125</td><td>&lt;= 0</td><td class=\"fail\">FAILED"
                + "</td><td>42 / 3360 outside atol + rtol*|reference|");
        assertThat(table).contains("<td><code>short-prompt</code></td><td><code>mismatch_ratio</code></td><td "
                + "class=\"num\">0</td><td>&lt;= 0</td><td class=\"pass\">PASSED</td>");
        assertThat(table).contains("<td>com.acme.LlamaCppParityTest#engineMatchesLlamaCpp</td><td>llama.cpp-default"
                + "</td><td><code>fox</code></td><td><code>nmse</code></td><td class=\"num\">1.504e-11</td><td>&lt;= "
                + "1.000e-07</td><td class=\"pass\">PASSED</td>");
        assertThat(table).contains("<td><code>delta_nll</code></td><td class=\"num\">-1.500e-07</td><td></td><td "
                + "class=\"info\">INFORMATIONAL</td>");
        // the failed input is named where the test needs attention
        assertThat(testDetails(html, "com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend"))
                .contains("needs attention: test failed, 1 rule violation(s), parity fp32 on &#39;long-prompt&#39; "
                        + "failed");

        String md = Files.readString(tmp.resolve("receipts/summary.md"));
        assertThat(md).contains("### Parity metrics\n\n| test | input | metric | value | limit | outcome |")
                .contains("| com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend | long-prompt | `mismatch_ratio` "
                        + "| 0.0125 | &lt;= 0 | ❌ failed |")
                .contains("| com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend | fp32 · long-prompt | ❌ failed "
                        + "| mismatch\\_ratio = 0.0125 (&lt;= 0) |");
    }

    @Test
    void theEngineUnderTestsKernelsAreShownApartFromTheReferences() throws Exception {
        String html = Files.readString(render().indexHtml());

        String simd = testDetails(html, "com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend");
        String engine = between(simd, "<table class=\"engine-kernels\">", "</table>");
        String reference = between(simd, "<table class=\"reference-kernels\">", "</table>");
        assertThat(simd).contains("<b>Engine under test: example-llama 0.1.0</b>")
                .contains("<b>Reference: example-llama-scalar 0.1.0 (not evidence for the engine)</b>");
        // calls summed over both inputs (the second input ran twice the work)
        assertThat(engine).contains("<td><code>matmul_f32_simd</code></td><td>cpu-simd</td><td class=\"num\">315</td>")
                .doesNotContain("<code>matmul_f32</code>");
        assertThat(reference).contains("<td><code>matmul_f32</code></td><td>cpu</td><td class=\"num\">315</td>")
                .doesNotContain("matmul_f32_simd");
        // a kernel both ran is listed on each side with its own calls
        assertThat(engine).contains("<code>add_f32</code></td><td>cpu</td><td class=\"num\">84</td>");
        assertThat(reference).contains("<code>add_f32</code></td><td>cpu</td><td class=\"num\">84</td>");

        String llama = testDetails(html, "com.acme.LlamaCppParityTest#engineMatchesLlamaCpp");
        assertThat(between(llama, "<table class=\"reference-kernels\">", "</table>"))
                .contains("<code>de.kherud.llama.LlamaModel.generate (engine call)</code></td><td></td><td "
                        + "class=\"num\">1</td>");
        assertThat(between(llama, "<table class=\"engine-kernels\">", "</table>")).doesNotContain("de.kherud");
    }

    @Test
    void aKernelOnlyTheReferenceRanIsMarkedInTheTestsKernelTable() throws Exception {
        Path dir = ReportInputs.copyEngineRun(tmp.resolve("receipts"));
        Path file = dir.resolve("com.acme.SimdParityTest/simdLogitsMatchTheScalarBackend.json");
        // a receipt whose window also saw the reference's scalar matmul
        Files.writeString(file, Files.readString(file).replaceFirst("\"kernel_stats\"\\s*:\\s*\\[", "\"kernel_stats\" : [ {"
                + "\"id\" : \"matmul_f32\", \"backend\" : \"cpu\", \"calls\" : 315, \"failed_calls\" : 0 },"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir).indexHtml());

        String kernels = between(testDetails(html, "com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend"),
                "<table class=\"kernels\">", "</table>");
        assertThat(kernels).contains("<tr class=\"kernel-row reference-kernel\"><td><code>matmul_f32</code> <span "
                + "class=\"warn\">(the reference's kernel)</span></td><td>cpu</td>");
        assertThat(kernels).contains("<tr class=\"kernel-row\"><td><code>matmul_f32_simd</code></td>");
    }

    @Test
    void statusBadgesFollowTheRunSummaryNeverGreenForATestTheRunFailed() throws Exception {
        ReportFiles files = render();
        String html = Files.readString(files.indexHtml());

        String rule = testDetails(html, "com.acme.RuleTest#claimsSimdRunsScalar");
        assertThat(rule).contains("<span class=\"badge status fail\" data-status=\"failed\" title=\"the receipt says "
                + "passed, run-summary.json says failed\">failed</span><span class=\"badge rules fail\">1 rule error"
                + "</span>");
        assertThat(rule).doesNotContain("badge status pass");
        assertThat(rule).contains("HC018");
        assertThat(testDetails(html, "com.acme.SpeedupTest#scalarAndSimdOnAQuietHost"))
                .contains("<span class=\"badge status pass\" data-status=\"passed\">passed</span><span "
                        + "class=\"test-name\">");
        // every badge agrees with the summary's test outcomes: 2 failed, 3 passed
        assertThat(count(html, "class=\"badge status fail\"")).isEqualTo(2);
        assertThat(count(html, "class=\"badge status pass\"")).isEqualTo(3);
        assertThat(html).contains("data-count=\"failed\">2<").contains("data-count=\"passed\">3<");
        assertThat(Files.readString(files.summaryMarkdown())).contains("| com.acme.RuleTest#claimsSimdRunsScalar | "
                + "test failed, 1 rule violation(s) |");

        // without a run summary, the rule the receipt breaks still fails it: the extension fails such a test
        Files.delete(tmp.resolve("receipts/run-summary.json"));
        String alone = Files.readString(ReportRenderer.renderDirectory(tmp.resolve("receipts"),
                ViolationSource.of(ReceiptVerifier.forPolicy("default"))).indexHtml());
        assertThat(testDetails(alone, "com.acme.RuleTest#claimsSimdRunsScalar")).contains("<span class=\"badge status "
                + "fail\" data-status=\"failed\" title=\"the receipt says passed but breaks 1 rule, which fails the "
                + "test (no run-summary.json to confirm)\">failed</span>");
        assertThat(testDetails(alone, "com.acme.SpeedupTest#scalarAndSimdOnAQuietHost"))
                .contains("<span class=\"badge status pass\" data-status=\"passed\">passed</span>");
        assertThat(alone).contains("data-count=\"failed\">2<").contains("data-count=\"passed\">3<");
    }

    @Test
    void perfVariantsAreComparedWithTheFirstAndANoisyComparisonIsMarked() throws Exception {
        ReportFiles files = render();
        String html = Files.readString(files.indexHtml());

        String variants = between(html, "<table id=\"perf-variants\">", "</table>");
        assertThat(count(variants, "<tr class=\"perf-variant")).isEqualTo(2);
        String loaded = row(variants, "scalarAndSimdOnALoadedHost");
        assertThat(loaded).startsWith("<tr class=\"perf-variant noisy\">")
                .contains("<td>generate-scalar (0.1134 ms)</td><td>generate-simd</td>")
                .contains("<td class=\"num speedup\">0.7562x (slower)</td>")
                .contains("noisy: generate-scalar: spread 28.7% (coefficient of variation above 10.0%); "
                        + "generate-simd: spread 64.9% (coefficient of variation above 10.0%); host load 3.6 on 2 "
                        + "logical core(s) while measuring (generate-simd): the machine was busy");
        String quiet = row(variants, "scalarAndSimdOnAQuietHost");
        assertThat(quiet).startsWith("<tr class=\"perf-variant\">")
                .contains("<td class=\"num speedup\">2.5x faster</td>")
                .contains("<td class=\"num\">0.15</td>").contains("<span class=\"pass\">quiet</span>");
        // our own layout's baseline comparisons are read (they sit beside the measurements)
        assertThat(testDetails(html, "com.acme.SpeedupTest#scalarAndSimdOnAQuietHost"))
                .contains(">no_baseline</td>").doesNotContain(">no baseline</td>");

        assertThat(Files.readString(files.summaryMarkdown()))
                .contains("### Performance variants within one receipt")
                .contains("| com.acme.SpeedupTest#scalarAndSimdOnALoadedHost | generate-simd vs generate-scalar | "
                        + "0.7562x (slower) | ⚠️ noisy: generate-scalar: spread 28.7%")
                .contains("| com.acme.SpeedupTest#scalarAndSimdOnAQuietHost | generate-simd vs generate-scalar | "
                        + "2.5x faster | quiet |");
    }

    @Test
    void reportFilesAreReadableByEveryone() throws Exception {
        ReportFiles files = render();

        assertThat(files.indexHtml().getFileSystem().supportedFileAttributeViews()).as("a POSIX file system: the "
                + "test checks the mode bits").contains("posix");
        for (Path p : new Path[] {files.indexHtml(), files.summaryMarkdown(), tmp.resolve("receipts/run-summary.json")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                    .isEqualTo("rw-r--r--");
        }
        // an existing 0600 file is replaced by a 0644 one (atomically, by a temporary file and a move)
        Files.setPosixFilePermissions(files.indexHtml(), PosixFilePermissions.fromString("rw-------"));
        ReportRenderer.renderDirectory(tmp.resolve("receipts"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.indexHtml())))
                .isEqualTo("rw-r--r--");
        try (var left = Files.list(tmp.resolve("receipts"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** The HTML of one test's {@code <details>}. */
    static String testDetails(String html, String testName) {
        int name = html.indexOf("<span class=\"test-name\">" + testName + "</span>");
        assertThat(name).as("test " + testName + " in the report").isPositive();
        int start = html.lastIndexOf("<details class=\"test\"", name);
        return html.substring(start, html.indexOf("</details>", name));
    }

    private static String section(String html, String id) {
        return between(html, "<section id=\"" + id + "\">", "</section>");
    }

    private static String between(String text, String from, String to) {
        int a = text.indexOf(from);
        assertThat(a).as("'" + from + "' in the report").isNotNegative();
        return text.substring(a, text.indexOf(to, a) + to.length());
    }

    private static String row(String table, String contains) {
        for (String r : table.split("(?=<tr)")) {
            if (r.contains(contains)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + contains + " in " + table);
    }

    static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
