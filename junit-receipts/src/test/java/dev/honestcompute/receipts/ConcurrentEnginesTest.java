package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.honestcompute.receipts.EmitsReceiptTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attribution by context propagation, end to end: twenty tests run four at a time, each an engine that moves its
 * kernels to other threads (parallel stream, common pool, an executor shared by all tests, a CompletableFuture
 * chain, threads it starts). Every receipt counts exactly its own test's calls, the analytic number, and no call
 * of any test is background.
 */
class ConcurrentEnginesTest {

    @TempDir
    Path receipts;

    private static final Map<String, Integer> EXPECTED = Map.of(
            "parallelStream", ConcurrentEnginesTestCases.PARALLEL_STREAM,
            "commonPool", ConcurrentEnginesTestCases.COMMON_POOL,
            "ownExecutor", ConcurrentEnginesTestCases.OWN_EXECUTOR,
            "completableFuture", ConcurrentEnginesTestCases.COMPLETABLE_FUTURE,
            "newThreads", ConcurrentEnginesTestCases.NEW_THREADS);

    @Test
    void everyReceiptOfFourConcurrentTestsCountsExactlyItsOwnCallsOnEveryThread() {
        EngineExecutionResults results = ReceiptKit.run(receipts, ConcurrentEnginesTestCases.Engines.class,
                Map.of("junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));
        results.testEvents().assertStatistics(s -> s.started(20).succeeded(20).failed(0));

        List<String> files = ReceiptKit.receiptFiles(receipts);
        assertThat(files).hasSize(20);
        Map<String, Integer> receiptsPerMethod = new TreeMap<>();
        for (String f : files) {
            Path file = receipts.resolve(f);
            JsonNode receipt = ReceiptKit.json(file);
            String method = EXPECTED.keySet().stream()
                    .filter(m -> ReceiptAssertions.testUniqueId(receipt).contains("[test-template:" + m + "()]"))
                    .findFirst().orElseThrow(() -> new AssertionError("receipt of an unknown test: " + f));
            receiptsPerMethod.merge(method, 1, Integer::sum);
            assertThat(texts(receipt.path("kernels"))).as("kernels of %s", f).containsExactly("matmul_f32");
            assertThat(ReceiptAssertions.kernelCalls(receipt, "matmul_f32")).as("calls in %s", f)
                    .isEqualTo(EXPECTED.get(method).longValue());
            assertThat(receipt.path("recorder").path("background_calls").asLong(-1)).as("background calls in %s", f)
                    .isZero();
            ReceiptAssertions.assertVerifies(file, "default");
        }
        assertThat(receiptsPerMethod).as("four receipts per engine")
                .containsOnlyKeys(EXPECTED.keySet()).allSatisfy((m, n) -> assertThat(n).isEqualTo(4));
    }
}
