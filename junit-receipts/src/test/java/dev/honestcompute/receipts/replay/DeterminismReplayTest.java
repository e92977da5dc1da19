package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.determinism.DeterminismCheck;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay hashes over determinism sections produced by real computations. */
class DeterminismReplayTest {

    private static Receipt receipt(JsonNode determinism) {
        ObjectNode r = ReceiptJson.mapper().createObjectNode();
        r.putObject("test").put("unique_id", "[engine:junit-jupiter]/[class:T]/[method:m()]").put("status", "passed");
        r.putArray("kernels").add("cpu.sum");
        r.set("determinism", determinism);
        return Receipt.of(r, "m.json");
    }

    private static float orderedSum(int n) {
        float[] partial = new float[8];
        IntStream.range(0, 8).parallel().forEach(c -> {
            float s = 0;
            for (int i = c; i < n; i += 8) {
                s += (float) Math.sin(i) * 1000f;
            }
            partial[c] = s;
        });
        float t = 0;
        for (float p : partial) {
            t += p;
        }
        return t;
    }

    @Test
    void twoRunsOfADeterministicComputationReplayEquivalently() throws Exception {
        JsonNode first = ReceiptJson.mapper().valueToTree(DeterminismCheck.runs(2)
                .check(o -> o.record("sum", new float[] {orderedSum(100_000)})));
        JsonNode second = ReceiptJson.mapper().valueToTree(DeterminismCheck.runs(2)
                .check(o -> o.record("sum", new float[] {orderedSum(100_000)})));

        ReplayBlock a = ReplayBlock.of(List.of(receipt(first)), Map.of());
        ReplayBlock b = ReplayBlock.of(List.of(receipt(second)), Map.of());
        assertThat(a.results().get(0).outputDigests()).containsOnlyKeys("sum");
        assertThat(a.resultSha256()).isEqualTo(b.resultSha256());

        JsonNode other = ReceiptJson.mapper().valueToTree(DeterminismCheck.runs(2)
                .check(o -> o.record("sum", new float[] {orderedSum(100_001)})));
        assertThat(ReplayBlock.of(List.of(receipt(other)), Map.of()).resultSha256()).isNotEqualTo(a.resultSha256());
    }

    @Test
    void anOutputThatVariedWithinARunIsLeftOutOfTheResultHash() throws Exception {
        AtomicInteger call = new AtomicInteger();
        JsonNode varying = ReceiptJson.mapper().valueToTree(DeterminismCheck.runs(2).check(o -> {
            o.record("stable", new int[] {1, 2});
            o.record("varies", new int[] {call.incrementAndGet()});
        }));
        ReplayBlock block = ReplayBlock.of(List.of(receipt(varying)), Map.of());
        assertThat(block.results().get(0).outputDigests()).containsOnlyKeys("stable");
    }
}
