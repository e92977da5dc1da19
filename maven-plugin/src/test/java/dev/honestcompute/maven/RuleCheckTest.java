package dev.honestcompute.maven;

import dev.honestcompute.receipts.Receipt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCheckTest {

    private static Receipt receipt(String cls, String method, String kernels, String extra) throws Exception {
        return Receipt.parse("{\"schema_version\":\"1.0.0\",\"test\":{\"class\":\"" + cls + "\",\"method\":\"" + method
                + "\"},\"kernel_stats\":[" + kernels + "]" + extra + "}", cls + "/" + method + ".json");
    }

    private static final String SIMD = "{\"id\":\"matmul_f32_simd\",\"backend\":\"cpu-simd\",\"calls\":12}";
    private static final String SCALAR = "{\"id\":\"matmul_f32\",\"backend\":\"cpu\",\"calls\":3}";
    private static final String NEVER_RAN = "{\"id\":\"dot_cuda\",\"backend\":\"cuda\",\"calls\":0}";

    private static Rule rule(String tests) {
        Rule r = new Rule();
        r.tests = tests;
        return r;
    }

    @Test
    void aBackendRuleHoldsWhenAKernelRanThereAndFailsWithWhatWasObserved() throws Exception {
        Rule r = rule("*SimdTest");
        r.backend = "cpu-simd";
        List<Receipt> receipts = List.of(receipt("com.x.SimdTest", "a", SIMD, ""),
                receipt("com.x.ScalarTest", "b", SCALAR, ""));
        assertThat(RuleCheck.failures(List.of(r), receipts)).isEmpty();

        List<Receipt> bad = List.of(receipt("com.x.SimdTest", "a", SCALAR + "," + NEVER_RAN, ""));
        assertThat(RuleCheck.failures(List.of(r), bad)).singleElement().asString()
                .startsWith("rule 1 [tests=*SimdTest, backend=cpu-simd] com.x.SimdTest#a")
                .endsWith("expected a kernel observed on backend 'cpu-simd', found backends [cpu]");
    }

    @Test
    void aPatternThatMatchesNoReceiptFailsInsteadOfPassing() throws Exception {
        Rule r = rule("*Gpu*");
        r.backend = "cuda";
        assertThat(RuleCheck.failures(List.of(r), List.of(receipt("com.x.SimdTest", "a", SIMD, ""))))
                .singleElement().asString().contains("expected at least 1 receipt(s) of tests matching '*Gpu*', found 0");
    }

    @Test
    void classHashMethodPatternsAndKernelGlobs() throws Exception {
        Rule r = rule("com.x.SimdTest#gen*");
        r.kernel = "matmul_*_simd";
        List<Receipt> receipts = List.of(receipt("com.x.SimdTest", "generates", SIMD, ""),
                receipt("com.x.SimdTest", "other", SCALAR, ""));
        assertThat(RuleCheck.failures(List.of(r), receipts)).isEmpty();
        r.kernel = "attention_*";
        assertThat(RuleCheck.failures(List.of(r), receipts)).singleElement().asString()
                .contains("com.x.SimdTest#generates").contains("expected an observed kernel matching 'attention_*', "
                        + "found [matmul_f32_simd]");
    }

    @Test
    void parityProfileMustMatchAndHavePassed() throws Exception {
        Rule r = rule("*Parity*");
        r.parityProfile = "fp32";
        assertThat(RuleCheck.failures(List.of(r), List.of(receipt("com.x.ParityTest", "a", SIMD,
                ",\"parity\":{\"profile\":\"fp32\",\"passed\":true,\"status\":\"passed\"}")))).isEmpty();
        assertThat(RuleCheck.failures(List.of(r), List.of(receipt("com.x.ParityTest", "a", SIMD,
                ",\"parity\":{\"profile\":\"fp16\",\"passed\":false,\"status\":\"failed\"}")))).singleElement()
                .asString().contains("expected parity profile 'fp32' passed, found profile 'fp16' not passed");
        assertThat(RuleCheck.failures(List.of(r), List.of(receipt("com.x.ParityTest", "a", SIMD, ""))))
                .singleElement().asString().contains("found none");
    }

    @Test
    void perfLimitsNameTheMeasurementTheLimitAndTheValue() throws Exception {
        String perf = ",\"performance\":{\"measurements\":[{\"name\":\"generate-simd\",\"unit\":\"tokens\","
                + "\"units_per_second\":900.0,\"latency\":{\"p50_ms\":2.5,\"p95_ms\":40.0}},"
                + "{\"name\":\"generate-scalar\",\"unit\":\"tokens\",\"units_per_second\":100.0}]}";
        Rule r = rule("*Speed*");
        r.measurement = "generate-simd";
        r.minUnitsPerSecond = 1000.0;
        r.maxP50Millis = 5.0;
        r.maxP95Millis = 20.0;
        assertThat(RuleCheck.failures(List.of(r), List.of(receipt("com.x.SpeedTest", "a", SIMD, perf))))
                .containsExactly(
                        "rule 1 [tests=*Speed*, measurement=generate-simd, minUnitsPerSecond=1000.0, maxP50Millis=5.0, "
                                + "maxP95Millis=20.0] com.x.SpeedTest#a (com.x.SpeedTest/a.json): expected measurement "
                                + "'generate-simd' tokens/s >= 1000.0, found 900.0",
                        "rule 1 [tests=*Speed*, measurement=generate-simd, minUnitsPerSecond=1000.0, maxP50Millis=5.0, "
                                + "maxP95Millis=20.0] com.x.SpeedTest#a (com.x.SpeedTest/a.json): expected measurement "
                                + "'generate-simd' p95 latency (ms) <= 20.0, found 40.0");
        r.measurement = "decode-*";
        assertThat(RuleCheck.failures(List.of(r), List.of(receipt("com.x.SpeedTest", "a", SIMD, perf))))
                .singleElement().asString()
                .endsWith("expected a performance measurement named 'decode-*', found measurements [generate-simd, "
                        + "generate-scalar]");
    }

    @Test
    void rulesThatCannotFailAreRejectedBeforeAnyReceiptIsRead() {
        assertThat(RuleCheck.configurationProblems(List.of())).singleElement().asString()
                .contains("a check without rules cannot fail");
        assertThat(RuleCheck.configurationProblems(List.of(rule("*")))).singleElement().asString()
                .contains("rule 1 [tests=*]: requires nothing");
        Rule r = rule("*");
        r.measurement = "x";
        r.backend = "cpu";
        assertThat(RuleCheck.configurationProblems(List.of(r))).singleElement().asString()
                .contains("<measurement> selects measurements for perf limits, but no limit is set");
    }
}
