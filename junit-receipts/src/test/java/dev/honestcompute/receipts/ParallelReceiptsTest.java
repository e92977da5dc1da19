package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelReceiptsTest {

    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "8");

    private static final Pattern CASE = Pattern.compile("case (\\d+)");

    @TempDir
    Path receipts;


    @Test
    void fiveHundredParallelTestsEachWriteTheirOwnValidReceipt() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.ParallelCase.class, PARALLEL);

        results.testEvents().assertStatistics(s -> s.started(500).succeeded(500).failed(0));
        assertParallelReceipts(receipts);
    }

    /** All 500 present, each parses, verifies, sits at the path its own identity maps to, and holds its own kernel. */
    static void assertParallelReceipts(Path receipts) {
        List<String> files = ReceiptKit.receiptFiles(receipts);
        assertThat(files).hasSize(500);
        Set<Integer> indices = new HashSet<>();
        for (String f : files) {
            Path file = receipts.resolve(f);
            JsonNode receipt = ReceiptKit.json(file);
            String displayName = ReceiptAssertions.testDisplayName(receipt);
            Matcher m = CASE.matcher(displayName);
            assertThat(m.find()).as("display name of %s: %s", f, displayName).isTrue();
            int index = Integer.parseInt(m.group(1));
            assertThat(indices.add(index)).as("second receipt for case %d: %s", index, f).isTrue();
            assertThat(f).as("receipt of case %d", index).contains("/parallel-" + (index + 1) + "-");
            assertThat(EmitsReceiptTest.texts(receipt.path("kernels")))
                    .as("kernels in %s", f).containsExactly("kernel_" + (index % 7));
            assertThat(ReceiptAssertions.kernelCalls(receipt, "kernel_" + (index % 7))).isEqualTo(1);
            ReceiptAssertions.assertVerifies(file, "default");
        }
        assertThat(indices).hasSize(500);
    }
}
