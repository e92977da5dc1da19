package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tolerant readers of optional sections: every layout the report accepts, and sections that are absent. */
class ReportSectionsTest {

    private static JsonNode json(String text) throws Exception {
        return ReceiptJson.parseObject(("{\"v\": " + text + "}").getBytes(StandardCharsets.UTF_8), "test").get("v");
    }

    @Test
    void bitnetParityIsShownAsIsWithoutAVerdict() throws Exception {
        List<ParityCheck> checks = ParityCheck.fromSection(json("{\"cpp_available\": false, \"status\": \"rust_only\"}"));

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Outcome.INFO);
            assertThat(c.verdictText()).isEqualTo("rust_only");
            assertThat(c.details()).containsEntry("cpp_available", "false");
            assertThat(c.metrics()).isEmpty();
        });
    }

    @Test
    void aVerdictClaimingPassedWithAFailedMetricIsFailed() throws Exception {
        List<ParityCheck> checks = ParityCheck.fromSection(json("{\"profile\": \"fp16\", \"passed\": true, \"metrics\": ["
                + "{\"metric\": \"nmse\", \"value\": 0.002, \"comparison\": \"<=\", \"limit\": 0.0005, "
                + "\"outcome\": \"FAILED\"}]}"));

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Outcome.FAIL);
            assertThat(c.verdictText()).isEqualTo("passed (but a metric failed)");
            assertThat(c.label()).isEqualTo("fp16");
            assertThat(c.metrics().get(0).value()).isEqualTo("0.002");
            assertThat(c.metrics().get(0).limit()).isEqualTo("5.000e-04");
        });
    }

    @Test
    void parityVerdictsComeFromMetricsWhenNotStated() throws Exception {
        List<ParityCheck> checks = ParityCheck.fromSection(json("{\"verdicts\": ["
                + "{\"profile\": \"a\", \"metrics\": [{\"metric\": \"cosine\", \"value\": \"NaN\", \"outcome\": \"FAILED\"}]},"
                + "{\"profile\": \"b\", \"metrics\": [{\"metric\": \"cosine\", \"value\": 1, \"outcome\": \"PASSED\"}]},"
                + "{\"profile\": \"c\", \"metrics\": [{\"metric\": \"x\", \"value\": 1, \"outcome\": \"INFORMATIONAL\"}]}"
                + "]}"));

        assertThat(checks).extracting(ParityCheck::label, ParityCheck::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Outcome.FAIL),
                        org.assertj.core.groups.Tuple.tuple("b", Outcome.PASS),
                        org.assertj.core.groups.Tuple.tuple("c", Outcome.INFO));
        assertThat(checks.get(0).metrics().get(0).value()).isEqualTo("NaN");
    }

    @Test
    void absentSectionsReadAsNothing() {
        assertThat(ParityCheck.fromSection(MissingNode.getInstance())).isEmpty();
        assertThat(PerfMeasurement.fromReceipt(MissingNode.getInstance(), MissingNode.getInstance())).isEmpty();
    }

    @Test
    void perfAcceptsOneEntryANamedMapAndBitnetsBaseline() throws Exception {
        List<PerfMeasurement> one = PerfMeasurement.fromReceipt(json("{\"name\": \"gen\", \"unit\": \"tokens\", "
                + "\"latency\": {\"p50_ms\": 2.5, \"p95_ms\": 3, \"mean_ms\": 2.6}, \"units_per_second\": 400, "
                + "\"comparison\": {\"verdict\": \"IMPROVED\", \"ratio\": 0.8, \"threshold\": 0.1}}"), null);
        assertThat(one).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("gen");
            assertThat(m.p50Ms()).isEqualTo(2.5);
            assertThat(m.p95Ms()).isEqualTo(3.0);
            assertThat(m.verdict()).isEqualTo("improved");
            assertThat(m.outcome()).isEqualTo(Outcome.PASS);
            assertThat(Numbers.deltaPercent(m.ratio())).isEqualTo("-20.0%");
        });

        List<PerfMeasurement> map = PerfMeasurement.fromReceipt(json("{\"prefill\": {\"p50_ms\": 1}, "
                + "\"decode\": {\"p50_ms\": 2}}"), null);
        assertThat(map).extracting(PerfMeasurement::name).containsExactly("prefill", "decode");
        assertThat(map).allSatisfy(m -> assertThat(m.outcome()).isEqualTo(Outcome.WARN));

        List<PerfMeasurement> bitnet = PerfMeasurement.fromReceipt(MissingNode.getInstance(), json("{"
                + "\"tokens_generated\": 32, \"total_time_ms\": 64000, \"tokens_per_second\": 0.5, "
                + "\"average_token_latency_ms\": 2000}"));
        assertThat(bitnet).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("performance_baseline");
            assertThat(m.unit()).isEqualTo("tokens");
            assertThat(m.unitsPerSecond()).isEqualTo(0.5);
            assertThat(m.meanMs()).isEqualTo(2000.0);
            assertThat(m.compared()).isFalse();
        });
    }

    @Test
    void numbersAreFormattedLocaleIndependently() {
        assertThat(Numbers.format(0.9999997)).isEqualTo("1");
        assertThat(Numbers.format(0.97)).isEqualTo("0.97");
        assertThat(Numbers.format(3.1e-12)).isEqualTo("3.100e-12");
        assertThat(Numbers.format(2032.5)).isEqualTo("2033");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(Numbers.nanosAsMillis(-1)).isEqualTo("not timed");
        assertThat(Numbers.nanosAsMillis(1_843_200)).isEqualTo("1.843 ms");
        assertThat(Numbers.kernelTime(800_000, 16, 256)).isEqualTo("0.8 ms over 16 of 256 calls");
        assertThat(Numbers.kernelTime(800_000, 256, 256)).isEqualTo("0.8 ms");
        assertThat(Numbers.kernelTime(-1, 0, 256)).isEqualTo("not timed");
    }

    @Test
    void htmlAndMarkdownEscapingCoverMarkupQuotesAndControlCharacters() {
        assertThat(Html.esc("<a href=\"x\" title='y'>&\u0007</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;\uFFFD&lt;/a&gt;");
        assertThat(MarkdownReport.esc("a|b *c* <b>\nd [e](f)"))
                .isEqualTo("a\\|b \\*c\\* &lt;b&gt; d \\[e\\](f)");
        assertThat(MarkdownReport.code("x`y|z")).isEqualTo("x'y\\|z");
    }
}
