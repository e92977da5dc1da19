package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.Map;

import static dev.honestcompute.receipts.EmitsReceiptTest.failureMessage;
import static dev.honestcompute.receipts.EmitsReceiptTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conclusions follow compute: every dishonest test in {@link HonestyTestCases} fails with its rule id, and every
 * honest twin passes. The recorder agent is loaded (see the pom), so all evidence here is real instrumentation.
 */
class HonestyTest {

    @TempDir
    Path receipts;

    private JsonNode receipt(Class<?> testCase, String method) {
        return ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(testCase)).resolve(method + ".json"));
    }

    private String fails(Class<?> testCase) {
        EngineExecutionResults results = ReceiptKit.run(receipts, testCase);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        return failureMessage(results);
    }

    private void passes(Class<?> testCase) {
        ReceiptKit.run(receipts, testCase).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void aLeakTheEngineSwallowedStillFailsTheReceiptWithHc026() {
        String failure = fails(HonestyTestCases.SwallowedLeak.class);
        assertThat(failure).contains("[HC026]").contains("@MockCompute dev.honestcompute.receipts.HonestyTestCases$ZeroMatmul#multiply");
        JsonNode r = receipt(HonestyTestCases.SwallowedLeak.class, "zeroFillsOnAnyError");
        assertThat(texts(r.path("recorder").path("mock_leaks"))).singleElement().asString()
                .contains("Mock compute leaked into production window");
        assertThat(ReceiptAssertions.testStatus(r)).isEqualTo("failed");
    }

    @Test
    void reflectionOnTheLibraryFailsTheWindowItRanInWithHc027EvenWhenTheRefusalIsCaught() {
        String failure = fails(HonestyTestCases.ReflectsOnTheLibrary.class);
        assertThat(failure).contains("[HC027]").contains("HonestyTestCases$ReflectsOnTheLibrary")
                .contains("ReceiptSections.seal()");
    }

    @Test
    void callingTheReceiptWriterIsRefusedNamingTheCaller() {
        String failure = fails(HonestyTestCases.CallsTheReceiptWriter.class);
        assertThat(failure).contains("Honest Compute: a receipt is written only by Honest Compute's own extensions")
                .contains(HonestyTestCases.CallsTheReceiptWriter.class.getName())
                .contains("annotate the test with @EmitsReceipt");
    }

    @Test
    void failedKernelCallsFailHc028UnlessTheTestExpectsThem() {
        assertThat(fails(HonestyTestCases.FailedKernelsNotExpected.class)).contains("[HC028]")
                .contains("kernel 'matmul_f32' failed 1 time(s) inside the window");
        passes(HonestyTestCases.FailedKernelsExpected.class);
        JsonNode r = receipt(HonestyTestCases.FailedKernelsExpected.class, "exercisesTheErrorPath");
        assertThat(r.path("claims").path("expect_failed_kernels").asBoolean()).isTrue();
        assertThat(r.path("kernel_stats").get(0).path("failed_calls").asLong()).isEqualTo(1);
    }

    @Test
    void aCudaClaimWithoutADeviceLaunchFailsHc029AndOnAHostWithoutAGpuHc030() {
        String failure = fails(HonestyTestCases.ClaimedCuda.class);
        assertThat(failure).contains("[HC029]").contains("no device launch was observed").contains("[HC030]")
                .contains("host.gpus is []");
    }

    @Test
    void aSimdClaimOfAPlainLoopFailsHc029() {
        assertThat(fails(HonestyTestCases.ClaimedSimd.class)).contains("[HC029]")
                .contains("uses neither the Vector API (jdk.incubator.vector) nor a native or FFM");
    }

    @Test
    void everyDeterminismRunIsInTheReceiptWhateverTheAnnotationOrder() {
        passes(HonestyTestCases.DeterminismBeforeReceipt.class);
        passes(HonestyTestCases.DeterminismAfterReceipt.class);
        for (JsonNode r : new JsonNode[] {receipt(HonestyTestCases.DeterminismBeforeReceipt.class, "determinismFirst"),
                receipt(HonestyTestCases.DeterminismAfterReceipt.class, "receiptFirst")}) {
            assertThat(ReceiptAssertions.kernelCalls(r, "matmul_f32")).isEqualTo(3);
            assertThat(texts(r.path("determinism").path("kernel_calls_per_run"))).containsExactly("1", "1", "1");
        }
    }

    @Test
    void aCachedDeterminismRunFailsAsCachedOutputWithHc031() {
        String failure = fails(HonestyTestCases.CachedDeterminism.class);
        assertThat(failure).contains("determinism run 1 of 3 made 0 kernel call(s) where run 0 made 2")
                .contains("rule HC031");
        Path file = receipts.resolve(ReceiptKit.caseDir(HonestyTestCases.CachedDeterminism.class))
                .resolve("replaysItsOwnCache.json");
        assertThat(ReceiptAssertions.violations(file, "default")).extracting(v -> v.rule()).contains("HC031");
    }

    @Test
    void aPerfWindowInsideTheReceiptCountsInItWithOrWithoutWarmup() {
        passes(HonestyTestCases.PerfWithoutWarmupInsideTheReceipt.class);
        JsonNode r = receipt(HonestyTestCases.PerfWithoutWarmupInsideTheReceipt.class, "measured");
        assertThat(ReceiptAssertions.kernelCalls(r, "matmul_f32")).isEqualTo(3);
        assertThat(r.path("performance").path("measurements").get(0).path("kernel_calls").asLong()).isEqualTo(3);

        passes(HonestyTestCases.PerfWithWarmupInsideTheReceipt.class);
        JsonNode w = receipt(HonestyTestCases.PerfWithWarmupInsideTheReceipt.class, "measured");
        assertThat(ReceiptAssertions.kernelCalls(w, "matmul_f32")).as("2 warmup + 3 measured").isEqualTo(5);
        assertThat(w.path("performance").path("measurements").get(0).path("kernel_calls").asLong()).isEqualTo(3);
    }

    @Test
    void measuringACacheFailsHc032AfterWarmupAndHc033Without() {
        assertThat(fails(HonestyTestCases.PerfCachedAfterWarmup.class))
                .contains("produced 3 tokens from 0 kernel calls").contains("HC032");
        assertThat(ReceiptAssertions.violations(receipts.resolve(ReceiptKit.caseDir(
                HonestyTestCases.PerfCachedAfterWarmup.class)).resolve("measuresTheCache.json"), "default"))
                .extracting(v -> v.rule()).contains("HC032");
        assertThat(fails(HonestyTestCases.PerfCachedWithoutWarmup.class))
                .contains("iteration 1 (warmup first) made 0.0 kernel calls per tokens, the first 2.0").contains("HC033");
        assertThat(ReceiptAssertions.violations(receipts.resolve(ReceiptKit.caseDir(
                HonestyTestCases.PerfCachedWithoutWarmup.class)).resolve("measuresTheCache.json"), "default"))
                .extracting(v -> v.rule()).contains("HC033");
    }

    @Test
    void aMillionTokensFromASleepFailsHc032() {
        String failure = fails(HonestyTestCases.FabricatedUnits.class);
        assertThat(failure).contains("produced 3000000 tokens from 0 kernel calls").contains("HC032");
        JsonNode r = receipt(HonestyTestCases.FabricatedUnits.class, "aMillionTokensFromASleep");
        assertThat(r.path("performance").path("measurements").get(0).path("kernel_calls_per_unit").asDouble())
                .isZero();
    }

    @Test
    void anotherTestsBeforeEachIsNeverCreditedToAWindowOpenAtTheSameTime() {
        EngineExecutionResults results = ReceiptKit.run(receipts, HonestyTestCases.BeforeEachOfAnotherTest.class,
                Map.of("junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        JsonNode quiet = receipt(HonestyTestCases.BeforeEachOfAnotherTest.class, "quiet");
        assertThat(texts(quiet.path("kernels"))).containsExactly("matmul_f32");
        assertThat(ReceiptAssertions.kernelCalls(quiet, "matmul_f32")).isEqualTo(3);
        assertThat(quiet.path("recorder").path("background_calls").asLong()).as("the other test's setUp")
                .isGreaterThanOrEqualTo(100);
        JsonNode busy = receipt(HonestyTestCases.BeforeEachOfAnotherTest.class, "busy");
        assertThat(texts(busy.path("kernels"))).as("its own setUp is not its body either").containsExactly("rmsnorm_f32");
    }
}
