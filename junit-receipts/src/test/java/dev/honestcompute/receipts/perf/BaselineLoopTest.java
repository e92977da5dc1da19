package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The whole loop with real measurements: three runs of an annotated test write receipts, {@code baseline update}
 * turns them into a baseline file, and the next run finds and compares against it.
 */
class BaselineLoopTest {

    @TempDir
    Path dir;

    private static final Class<?> CASE = PerformanceTestCases.MethodLevelCase.class;

    private JsonNode runOnce(Path baselines) {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PerformanceExtension.BASELINES_DIR_KEY, baselines.toString())
                .selectors(selectClass(CASE)).execute()
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        return CapturedSections.of(CASE, "measured").path("performance");
    }

    /** What @EmitsReceipt writes, reduced to the fields the baseline command reads. */
    private void writeReceipt(Path file, JsonNode performance) throws Exception {
        ObjectNode r = ReceiptJson.mapper().createObjectNode();
        r.put("schema_version", "1.0.0");
        r.putObject("test").put("unique_id", "id").put("class", CASE.getName()).put("method", "measured")
                .put("status", "passed");
        r.set("performance", performance);
        ReceiptJson.write(file, r);
    }

    @Test
    void receiptsBecomeABaselineThatTheNextRunUses() throws Exception {
        Path baselines = dir.resolve("perf-baselines");
        for (int run = 0; run < 3; run++) {
            JsonNode perf = runOnce(baselines);
            assertThat(perf.path("comparisons").get(0).path("verdict").asText()).isEqualTo("NO_BASELINE");
            writeReceipt(dir.resolve("receipts").resolve("run" + run).resolve("measured.json"), perf);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = BaselineCli.run(new String[] {"update", "--from", dir.resolve("receipts").toString(), "--to",
                baselines.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        PerfBaseline baseline = BaselineStore.parse(new BaselineStore(baselines).fileFor(CASE.getName(), "measured"));
        assertThat(baseline.measurements().get("matmul-24").runs()).isEqualTo(3);

        JsonNode next = runOnce(baselines);
        JsonNode c = next.path("comparisons").get(0);
        // Real timings on a shared machine: the verdict may be any of these, but the baseline was found and compared.
        assertThat(c.path("verdict").asText()).isIn("OK", "IMPROVED", "REGRESSION");
        assertThat(c.path("ratio").asDouble()).isPositive();
        assertThat(c.path("bootstrapped").asBoolean()).isTrue();
        assertThat(c.path("baseline_file").asText()).endsWith("measured.json");
    }
}
