package dev.honestcompute.receipts.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportRendererTest {

    @TempDir
    Path tmp;

    @Test
    void rendersTheRunFromReceiptsAndTheRunSummary() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));

        ReportFiles files = ReportRenderer.renderDirectory(dir, ReportInputs.sampleRules());

        assertThat(files.indexHtml()).isEqualTo(dir.resolve("index.html"));
        assertThat(files.summaryMarkdown()).isEqualTo(dir.resolve("summary.md"));
        assertThat(files.receipts()).isEqualTo(3);
        assertThat(files.unreadable()).isZero();
        String html = Files.readString(files.indexHtml());
        // Verdict: a test failed, a parity metric failed and a perf regression was recorded.
        assertThat(html).contains("Run verdict: FAILED");
        // Counts from the run summary, not from the receipts (6 tests in all, 2 deselected).
        assertThat(html).contains("data-count=\"total\">6<").contains("data-count=\"deselected\">2<");
        // Kernel rows with backend, calls and time; the untimed kernel says so.
        assertThat(html).containsPattern("<tr class=\"kernel-row\"><td><code>matmul_f32_simd</code></td><td>cpu-simd"
                + "</td><td class=\"num\">8</td>");
        assertThat(html).contains("0.4128 ms").contains("not timed");
        // Backend totals: cpu-simd has one kernel; cpu adds the scalar matmul, attention, rmsnorm and softmax calls.
        assertThat(html).containsPattern("<td><code>cpu</code></td><td>[^<]*attention_f32[^<]*</td><td class=\"num\">"
                + "203</td>");
        assertThat(html).contains("NO_CUDA_DRIVER").contains("libcuda.so.1 not found on this host");
        assertThat(html).contains("3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c");
        assertThat(html).contains("<code class=\"rule-id\">fallback.not-allowed</code>")
                .contains("<code class=\"rule-id\">kernels.failed-calls</code>");
        assertThat(html).contains("<svg id=\"perf-chart\"").contains("1.32x +32.0% regression")
                .contains("no baseline to compare with")
                .containsPattern("no baseline to compare with · measured [0-9.e+-]+ \\S+/s, p50 [0-9.e+-]+ ms");
        assertThat(html).contains("backend.cuda-absent").contains("no CUDA driver (libcuda.so.1) on this host");
        assertThat(html).contains("matches run-summary.json").doesNotContain("DIFFERS");
        assertThat(html).contains("cosine").contains("worst at token 3");
        assertThat(html).contains("AMD EPYC 7B13").contains("cuda.driver");

        String md = Files.readString(files.summaryMarkdown());
        assertThat(md).startsWith("## Honest Compute receipts: ❌ FAILED");
        assertThat(md).contains("| total | passed | failed | skipped | aborted | deselected |")
                .contains("| 6 | 2 | 1 | 1 | 0 | 2 |");
        assertThat(md).contains("| `cpu-simd` | matmul\\_f32\\_simd | 8 | 0 | 0.4128 ms | 1 |");
        assertThat(md).contains("| com.acme.GenerateTest#generatesTokens | fp32 | ❌ failed | cosine = 0.97 (&gt;= 0.99) |");
        assertThat(md).contains("| com.acme.MatmulTest#simdMatchesScalar | fp32 | ✅ passed |  |");
        assertThat(md).contains("| com.acme.GenerateTest#generatesTokens | generate-16-tokens | 38.2 ms | +32.0% | "
                + "❌ regression |");
        assertThat(md).contains("| `fallback.not-allowed` | error | com.acme.GenerateTest#generatesTokens | "
                + "`fallbacks` |");
        assertThat(md).contains("| `backend.cuda-absent` | 1 |");
        assertThat(md).contains("### Tests needing attention\n\n| test | why |\n|---|---|\n"
                + "| com.acme.GenerateTest#generatesTokens | test failed, 1 rule violation(s), parity fp32 failed, "
                + "perf generate-16-tokens regression |\n\n");
        assertThat(html).contains("needs attention: test failed, 1 rule violation(s), parity fp32 failed");
    }

    @Test
    void failedContainersAndAbortedTestsFailTheRun() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        // Only passing receipts remain, so the verdict comes from the summary alone.
        Files.delete(dir.resolve("com.acme.GenerateTest/generatesTokens.json"));
        Path summary = dir.resolve("run-summary.json");
        Files.writeString(summary, Files.readString(summary)
                .replace("\"failed_containers\": []", "\"failed_containers\": [{\"container\": \"com.acme.CudaTest\", "
                        + "\"reason\": \"@BeforeAll threw: model tiny-llama missing\"}]")
                .replace("\"aborted\": 0", "\"aborted\": 1"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir).indexHtml());

        assertThat(html).contains("Run verdict: FAILED")
                .contains("<li class=\"fail\">com.acme.CudaTest: @BeforeAll threw: model tiny-llama missing</li>")
                .contains("1 failed container(s)").contains("2 test(s) failed or aborted")
                .contains("com.acme.GenerateTest/generatesTokens.json");
    }

    @Test
    void textFromReceiptsIsEscapedNeverMarkup() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir).indexHtml());

        assertThat(html).doesNotContain("<script>window.__pwned").doesNotContain("<img src=x")
                .doesNotContain("</td><script>");
        assertThat(html).contains("&lt;script&gt;window.__pwned = 1; console.error(&#39;injected&#39;)&lt;/script&gt;"
                + "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt; &amp; &#39;quotes&#39;");
        // Exactly one script element: the report's own filter script, allowed by its CSP hash.
        assertThat(count(html, "<script")).isEqualTo(1);
        assertThat(html).contains(Html.esc("script-src '" + HtmlReport.sha256Base64(HtmlReport.SCRIPT) + "'"));

        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).doesNotContain("<script>").contains("&lt;script&gt;window.\\_\\_pwned=3&lt;/script&gt;");
    }

    @Test
    void aMalformedReceiptIsListedAsUnreadableAndTheRestStillRenders() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Files.writeString(dir.resolve("com.acme.MatmulTest/truncated.json"), "{\"schema_version\": \"1.0.0\", \"kern");
        Files.writeString(dir.resolve("com.acme.MatmulTest/array.json"), "[1, 2]");
        Files.writeString(dir.resolve("notes.json"), "{\"todo\": \"not a receipt\"}");

        ReportFiles files = ReportRenderer.renderDirectory(dir);

        assertThat(files.receipts()).isEqualTo(3);
        assertThat(files.unreadable()).isEqualTo(3);
        String html = Files.readString(files.indexHtml());
        assertThat(html).containsPattern("<tr class=\"unreadable\"><td><code>com.acme.MatmulTest/truncated.json</code>"
                + "</td><td>malformed JSON at line 1, column \\d+: [^<]*; fix the file or regenerate it");
        assertThat(html).contains("<code>com.acme.MatmulTest/array.json</code></td><td>expected a JSON object at the "
                + "top level, found array");
        assertThat(html).contains("<code>notes.json</code></td><td>not a receipt");
        assertThat(html).contains("Run verdict: FAILED").contains("3 unreadable file(s)");
        assertThat(html).contains("matmul_f32_simd");
        assertThat(Files.readString(files.summaryMarkdown()))
                .contains("| `com.acme.MatmulTest/truncated.json` | malformed JSON at line 1");
    }

    @Test
    void anEmptyDirectoryRendersANoReceiptsReport() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("empty"));

        ReportFiles files = ReportRenderer.renderDirectory(dir);

        assertThat(files.receipts()).isZero();
        String html = Files.readString(files.indexHtml());
        assertThat(html).contains("<section id=\"no-receipts\"><h2>No receipts</h2>")
                .contains("Run verdict: NO RECEIPTS").contains("@EmitsReceipt")
                .doesNotContain("id=\"tests\"").doesNotContain("perf-chart");
        assertThat(Files.readString(files.summaryMarkdown()))
                .startsWith("## Honest Compute receipts: ⚠️ NO RECEIPTS").contains("No receipts were found in");
    }

    @Test
    void aMissingDirectoryIsBadInputNamingThePath() {
        Path missing = tmp.resolve("no-such-dir");
        assertThatThrownBy(() -> ReportRenderer.renderDirectory(missing))
                .isInstanceOf(ReportInputException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist").hasMessageContaining("@EmitsReceipt");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFileInsteadOfADirectoryIsBadInput() throws IOException {
        Path file = Files.writeString(tmp.resolve("receipt.json"), "{}");
        assertThatThrownBy(() -> ReportRenderer.renderDirectory(file))
                .isInstanceOf(ReportInputException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void aReceiptEditedAfterTheRunIsFlaggedByItsHash() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Path receipt = dir.resolve("com.acme.MatmulTest/simdMatchesScalar.json");
        Files.writeString(receipt, Files.readString(receipt).replace("\"calls\" : 8,", "\"calls\" : 800,"));

        ReportFiles files = ReportRenderer.renderDirectory(dir);

        String html = Files.readString(files.indexHtml());
        assertThat(html).contains("DIFFERS from run-summary.json").contains("hash-mismatch");
        assertThat(Files.readString(files.summaryMarkdown()))
                .contains("| `com.acme.MatmulTest/simdMatchesScalar.json` | SHA-256 differs from run-summary.json");
    }

    @Test
    void aReceiptTheSummaryListsButThatIsGoneIsReported() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Files.delete(dir.resolve("com.acme.NamingTest/hostileName.json"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir).indexHtml());

        assertThat(html).contains("<ul id=\"missing\"><li><code>com.acme.NamingTest/hostileName.json</code></li>");
    }

    @Test
    void aReceiptTheSummaryDoesNotListIsStaleAndNeverShownAsOneOfTheRunsTests() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        String old = Files.readString(dir.resolve("com.acme.MatmulTest/simdMatchesScalar.json"))
                .replace("simdMatchesScalar", "renamedLongAgo");
        Files.createDirectories(dir.resolve("com.acme.OldTest"));
        Files.writeString(dir.resolve("com.acme.OldTest/renamedLongAgo.json"), old.replaceFirst("\\{",
                "{\"build_id\": \"build-0\","));

        ReportFiles files = ReportRenderer.renderDirectory(dir);

        assertThat(files.receipts()).isEqualTo(3);
        String html = Files.readString(files.indexHtml());
        assertThat(html).contains("Run verdict: FAILED").contains("1 stale receipt(s) in the directory")
                .contains("<tr class=\"stale\"><td><code>com.acme.OldTest/renamedLongAgo.json</code></td><td><code>"
                        + "build-0</code></td>")
                .contains("written by another build (build-0)")
                .contains("Run summary: no build id (written by an older version); not signed");
        assertThat(html.substring(html.indexOf("<section id=\"tests\">"))).doesNotContain("renamedLongAgo");
        assertThat(Files.readString(files.summaryMarkdown())).contains("| `com.acme.OldTest/renamedLongAgo.json` | "
                + "`build-0` |");
    }

    @Test
    void aFifoInTheDirectoryIsListedAsUnreadableNeverOpened() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Files.delete(dir.resolve("run-summary.json"));
        dev.honestcompute.receipts.SpecialFiles.fifo(dir.resolve("run-summary.json"));
        dev.honestcompute.receipts.SpecialFiles.fifo(dir.resolve("com.acme.MatmulTest/pipe.json"));

        String html = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> Files.readString(ReportRenderer.renderDirectory(dir).indexHtml()));

        assertThat(html).contains("<code>run-summary.json</code></td><td>not a regular file (a named pipe (FIFO))")
                .contains("<code>com.acme.MatmulTest/pipe.json</code></td><td>not a regular file");
    }

    @Test
    void theHeaderSaysWhoSignedTheRun() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Path summary = dir.resolve("run-summary.json");
        Files.writeString(summary, Files.readString(summary).replaceFirst("\\{", "{\"build_id\": \"b-5\", "
                + "\"signature\": {\"algorithm\": \"Ed25519\", \"public_key\": \"AA==\", \"public_key_sha256\": \""
                + "ab".repeat(32) + "\", \"value\": \"AA==\"},"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir).indexHtml());

        assertThat(html).contains("Run summary: build b-5; signed by key sha256:" + "ab".repeat(32)
                + " (check it with &#39;verify --public-key&#39;)");
    }

    @Test
    void aMalformedRunSummaryIsUnreadableAndCountsComeFromTheReceipts() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Files.writeString(dir.resolve("run-summary.json"), "{\"counts\": {\"total\": 6,}}");

        ReportFiles files = ReportRenderer.renderDirectory(dir);

        String html = Files.readString(files.indexHtml());
        assertThat(html).contains("<code>run-summary.json</code></td><td>malformed JSON");
        assertThat(html).contains("data-count=\"receipts\">3<").contains("data-count=\"passed\">2<")
                .contains("data-count=\"failed\">1<").contains("no run summary to compare with");
    }

    @Test
    void writesIntoAnotherDirectoryAtomicallyReplacingOldReports() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Path out = tmp.resolve("out/nested");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "old");

        ReportFiles files = ReportRenderer.render(dir, out, ViolationSource.none());

        assertThat(files.indexHtml()).isEqualTo(out.resolve("index.html"));
        assertThat(Files.readString(files.indexHtml())).startsWith("<!DOCTYPE html>");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.html",
                    "summary.md");
        }
        assertThat(dir.resolve("index.html")).doesNotExist();
        // Rendering twice gives the same page except for the render time.
        String first = Files.readString(files.indexHtml(), StandardCharsets.UTF_8).replaceAll("at \\S+Z\\.", "");
        ReportRenderer.render(dir, out, ViolationSource.none());
        assertThat(Files.readString(files.indexHtml()).replaceAll("at \\S+Z\\.", "")).isEqualTo(first);
    }

    @Test
    void aCheckerThatThrowsIsShownAsAViolationNotACrash() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir, receipt -> {
            throw new IllegalStateException("verifier bug");
        }).indexHtml());

        assertThat(html).contains("report.checker-crashed").contains("verifier bug");
    }

    @Test
    void aBitnetReceiptDeepInTheTreeShowsItsDeclaredKernelsAsIdsOnly() throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("receipts/a/b/c/d/e/f/g/h/i"));
        Files.writeString(deep.resolve("bitnet.json"), "{\"schema_version\": \"1.0.0\", \"compute_path\": \"real\", "
                + "\"backend\": \"cpu\", \"kernels\": [\"i2s_gemv\", \"tl2_forward\"], \"parity\": "
                + "{\"cpp_available\": false, \"status\": \"rust_only\"}, \"performance_baseline\": "
                + "{\"tokens_generated\": 32, \"total_time_ms\": 64000, \"tokens_per_second\": 0.5}}");

        ReportFiles files = ReportRenderer.renderDirectory(tmp.resolve("receipts"));

        assertThat(files.receipts()).isEqualTo(1);
        String html = Files.readString(files.indexHtml());
        assertThat(html).contains("<tr class=\"kernel-row id-only\"><td><code>i2s_gemv</code></td>")
                .contains("listed in kernels only, no statistics");
        assertThat(html).contains("rust_only").contains("performance_baseline").contains("0.5 tokens/s")
                .contains("no baseline to compare with").contains("a/b/c/d/e/f/g/h/i/bitnet.json");
        // No kernel statistics: the per-backend table says so rather than inventing backends from declared ids.
        assertThat(html).contains("No kernel statistics in any receipt.");
    }

    @Test
    void aLongRunChartsTheWorstMeasurementsFirst() throws Exception {
        Path run = ReportInputs.copyRun(tmp.resolve("run"));
        String ok = Files.readString(run.resolve("com.acme.MatmulTest/simdMatchesScalar.json"));
        Path dir = Files.createDirectories(tmp.resolve("receipts/com.acme.ManyTest"));
        for (int i = 0; i < HtmlReport.MAX_CHART_ROWS + 10; i++) {
            Files.writeString(dir.resolve(String.format("m%03d.json", i)), ok);
        }
        Files.copy(run.resolve("com.acme.GenerateTest/generatesTokens.json"), dir.resolve("zz-regression.json"));

        String html = Files.readString(ReportRenderer.renderDirectory(dir.getParent()).indexHtml());

        assertThat(html).contains("Showing 150 of 162 measurements, regressions first");
        assertThat(count(html, "<g class=\"perf-row\"")).isEqualTo(HtmlReport.MAX_CHART_ROWS);
        assertThat(html.indexOf("data-verdict=\"regression\"")).isLessThan(html.indexOf("data-verdict=\"ok\""));
        assertThat(count(html, "<tr class=\"perf-measurement\">")).isEqualTo(162);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
