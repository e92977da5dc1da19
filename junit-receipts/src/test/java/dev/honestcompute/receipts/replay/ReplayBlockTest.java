package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.honestcompute.receipts.replay.ReplayReceipts.receipt;
import static dev.honestcompute.receipts.replay.ReplayReceipts.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayBlockTest {

    private static final Map<String, String> CONFIG = Map.of("honestcompute.backend", "cpu");

    @Test
    void timingsHostAndPerformanceDoNotChangeTheHashes() throws Exception {
        ReplayBlock a = ReplayBlock.of(List.of(receipt("m1", "passed", "k.simd", 1_000),
                receipt("m2", "passed", "k.scalar", 2_000)), CONFIG);
        ReplayBlock b = ReplayBlock.of(List.of(receipt("m1", "passed", "k.simd", 9_001),
                receipt("m2", "passed", "k.scalar", 7_003)), CONFIG);

        assertThat(a.planSha256()).matches("[0-9a-f]{64}").isEqualTo(b.planSha256());
        assertThat(a.resultSha256()).matches("[0-9a-f]{64}").isEqualTo(b.resultSha256());
        assertThat(a.plan().tests()).containsExactly("[engine:junit-jupiter]/[class:com.acme.T]/[method:m1()]",
                "[engine:junit-jupiter]/[class:com.acme.T]/[method:m2()]");
        assertThat(a.plan().fixtures()).containsExactly(Map.entry("tiny-llama", ReplayReceipts.SHA_A));
        assertThat(a.plan().config()).isEqualTo(CONFIG);
        TestOutcome first = a.results().get(0);
        assertThat(first.status()).isEqualTo("passed");
        assertThat(first.kernels()).containsExactly("k.simd");
        assertThat(first.outputDigests()).containsOnlyKeys("logits", "tokens");
        assertThat(first.outputDigests().get("logits")).matches("[0-9a-f]{64}");
        assertThat(a.nondeterministicFields()).contains("timestamp", "performance", "host");

        ObjectNode json = a.toJson();
        assertThat(json.path("format").asText()).isEqualTo("honestcompute-replay/1");
        assertThat(json.path("results").get(0).path("output_digests").path("tokens").asText()).hasSize(64);
        assertThat(CanonicalJson.sha256(json.path("plan"))).isEqualTo(a.planSha256());
    }

    @Test
    void functionalChangesChangeTheRightHash() throws Exception {
        ReplayBlock base = ReplayBlock.of(List.of(receipt("m1", "passed", "k.simd", 1)), CONFIG);

        ReplayBlock failed = ReplayBlock.of(List.of(receipt("m1", "failed", "k.simd", 1)), CONFIG);
        assertThat(failed.planSha256()).isEqualTo(base.planSha256());
        assertThat(failed.resultSha256()).isNotEqualTo(base.resultSha256());

        ReplayBlock scalar = ReplayBlock.of(List.of(receipt("m1", "passed", "k.scalar", 1)), CONFIG);
        assertThat(scalar.resultSha256()).isNotEqualTo(base.resultSha256());

        ObjectNode otherOutput = tree("m1", "passed", "k.simd", 1);
        ((ObjectNode) otherOutput.path("determinism").path("outputs").get(1)).putArray("sha256_per_run")
                .add("b".repeat(64)).add("b".repeat(64));
        assertThat(ReplayBlock.of(List.of(Receipt.of(otherOutput, "x")), CONFIG).resultSha256())
                .isNotEqualTo(base.resultSha256());

        ObjectNode otherFixture = tree("m1", "passed", "k.simd", 1);
        ((ObjectNode) otherFixture.path("fixtures").get(0)).put("sha256", "c".repeat(64));
        ReplayBlock fixture = ReplayBlock.of(List.of(Receipt.of(otherFixture, "x")), CONFIG);
        assertThat(fixture.planSha256()).isNotEqualTo(base.planSha256());
        assertThat(fixture.resultSha256()).isEqualTo(base.resultSha256());

        assertThat(ReplayBlock.of(List.of(receipt("m1", "passed", "k.simd", 1)), Map.of()).planSha256())
                .isNotEqualTo(base.planSha256());
    }

    @Test
    void outputsKnownToVaryAreNotReplayCriteria() throws Exception {
        ObjectNode varying = tree("m1", "passed", "k.simd", 1);
        ((ObjectNode) varying.path("determinism").path("outputs").get(0)).put("identical", false);
        TestOutcome o = ReplayBlock.of(List.of(Receipt.of(varying, "x")), CONFIG).results().get(0);
        assertThat(o.outputDigests()).containsOnlyKeys("tokens");
    }

    @Test
    void rejectsReceiptsThatCannotBeReplayed() throws Exception {
        Receipt bitnet = Receipt.parse("{\"schema_version\": \"1.0.0\", \"kernels\": [\"i2s_gemv\"]}", "bitnet.json");
        assertThatThrownBy(() -> ReplayBlock.of(List.of(bitnet), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("receipt bitnet.json field 'test.unique_id': missing; only receipts written by "
                        + "@EmitsReceipt can be replayed");

        Receipt m1 = receipt("m1", "passed", "k", 1);
        assertThatThrownBy(() -> ReplayBlock.of(List.of(m1, m1), CONFIG)).hasMessageContaining("appears in two receipts");

        ObjectNode other = tree("m2", "passed", "k", 1);
        ((ObjectNode) other.path("fixtures").get(0)).put("sha256", "d".repeat(64));
        assertThatThrownBy(() -> ReplayBlock.of(List.of(m1, Receipt.of(other, "m2.json")), CONFIG))
                .hasMessageContaining("receipt m2.json field 'fixtures': fixture 'tiny-llama' has sha256 ddd")
                .hasMessageContaining("but m1.json used aaa");
    }

    @Test
    void canonicalJsonNormalizesNumbersAndKeyOrder() throws Exception {
        assertThat(CanonicalJson.write(CanonicalJson.parse("{\"b\": 1.0, \"a\": [true, null, 2.50e-1, -0.0, 1e2]}")))
                .isEqualTo("{\"a\":[true,null,0.25,0,100],\"b\":1}");
        assertThat(CanonicalJson.sha256(CanonicalJson.parse("{\"x\":1}")))
                .isEqualTo(CanonicalJson.sha256(CanonicalJson.parse("{ \"x\" : 1.00 }")));
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
    }
}
