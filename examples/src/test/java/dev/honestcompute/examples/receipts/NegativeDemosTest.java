package dev.honestcompute.examples.receipts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptVerification;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryProblem;
import dev.honestcompute.receipts.summary.RunSummaryVerifier;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.MockComputeLeakError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** What Honest Compute catches, demonstrated on the real engine and asserted. */
class NegativeDemosTest {

    @TempDir
    Path receipts;

    private EngineTestKit.Builder kit(Class<?> cases) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmitsReceipt.DIR_PARAMETER, receipts.toString())
                .selectors(selectClass(cases));
    }

    @Test
    void theRecorderAgentIsActiveInThisSuite() {
        assertThat(KernelRecorder.isActive()).as(KernelRecorder.activationHint()).isTrue();
    }

    @Test
    void aMockKernelInjectedIntoTheEngineIsCaughtAsALeak() {
        Events tests = kit(NegativeDemosTestCases.MockLeak.class).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(MockComputeLeakError.class),
                message(m -> m.contains("FakeMatmulBackend") && m.contains("LlamaEngine")))));
    }

    @Test
    void theSameMockInAPlainUnitTestIsFine() {
        kit(NegativeDemosTestCases.MockOutsideProduction.class).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void aMissingModelFailsWithTheFetchCommandAndIsNeverSkipped(@TempDir Path emptyCache) {
        Events tests = kit(NegativeDemosTestCases.MissingModel.class)
                .configurationParameter(RequiresModel.CACHE_PARAMETER, emptyCache.toString())
                .execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1).skipped(0));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains("model fixture 'tiny-llama-hf'") && m.contains("missing (expected at " + emptyCache)
                        && m.contains("Fetch it with: ") && m.contains("fetch --tier ci --lockfile")))));
    }

    @Test
    void aTestThatRequiresCudaOnAMachineWithoutADriverFailsWithTheFallbackReason() {
        Events tests = kit(NegativeDemosTestCases.CudaRequired.class).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains("[HC017]") && m.contains("CUDA_")))));
    }

    @Test
    void aKernelThatNeedsACpuFeatureTheHostLacksFailsHc021() throws Exception {
        Events tests = kit(NegativeDemosTestCases.KernelNeedsAFeatureNoHostHas.class).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("[HC021]")
                && m.contains("kernel 'dot_f32_avx1024'") && m.contains("requires [avx1024]")))));
        // the agent observed the declaration: it is in the receipt, next to the host's real features
        Receipt receipt = Receipt.read(receiptFile("misdeclaredKernelRan.json"));
        assertThat(receipt.kernelStats()).singleElement().satisfies(k -> {
            assertThat(k.id()).isEqualTo("dot_f32_avx1024");
            assertThat(k.requires()).containsExactly("avx1024");
        });
        assertThat(receipt.tree().path("host").path("cpu_features").toString()).doesNotContain("avx1024");
    }

    @Test
    void aQuantizationClaimOnAnF32ModelFailsHc020AndTheHonestQ8ZeroRunPasses() throws Exception {
        Events lie = kit(NegativeDemosTestCases.QuantizationClaimOnAnF32Model.class).execute().testEvents();
        lie.assertStatistics(s -> s.started(1).failed(1));
        lie.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("[HC020]")
                && m.contains("quantization 'q8_0' is claimed but no observed kernel id contains it")
                && m.contains("matmul_f32")))));

        kit(NegativeDemosTestCases.HonestQ8Zero.class).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        Path file = receiptFile("q8ZeroGeneration.json");
        assertThat(Receipt.read(file).tree().path("claims").path("quantization").asText()).isEqualTo("q8_0");
        assertThat(Receipt.read(file).kernels()).contains("matmul_q8_0");
        assertThat(ReceiptVerifier.forPolicy("default").verify(file).passed()).isTrue();
    }

    private Path receiptFile(String name) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(receipts)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow(() ->
                    new AssertionError("no receipt " + name + " under " + receipts));
        }
    }

    @Test
    void aReceiptEditedAfterTheRunIsCaughtByTheVerifier() throws Exception {
        kit(NegativeDemosTestCases.HonestScalar.class).execute().testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        Path file;
        try (Stream<Path> files = Files.walk(receipts)) {
            file = files.filter(p -> p.toString().endsWith("scalarGeneration.json")).findFirst().orElseThrow();
        }
        ReceiptVerifier verifier = ReceiptVerifier.forPolicy("default");
        assertThat(verifier.verify(file).passed()).as("the receipt as written").isTrue();

        ObjectNode tree = Receipt.read(file).tree();
        ((ArrayNode) tree.get("kernels")).add("matmul_f32_cuda"); // claim a GPU kernel that never ran
        tree.put("backend", "cuda");
        Files.write(file, (tree.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));

        ReceiptVerification edited = verifier.verify(file);
        assertThat(edited.passed()).isFalse();
        assertThat(edited.ruleIds()).contains("HC015", "HC012");
    }

    /**
     * A receipt written by hand (not by {@code @EmitsReceipt}): while the session runs, only the library writes into
     * the receipts directory, so the write, a move into it, a run summary of the test's own and a write through a
     * symbolic link pointing into it are refused (and
     * recorded as forgeries) even when the test swallows the refusal; the run that results is the honest one.
     */
    @Test
    void aReceiptTheTestWroteItselfIsRefusedWhileTheSessionRuns() throws Exception {
        System.setProperty("honestcompute.demo.receipts", receipts.toString());
        NegativeDemosTestCases.WritesItsOwnReceipt.REFUSALS.clear();
        SummaryGeneratingListener outcome = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectMethod(NegativeDemosTestCases.WritesItsOwnReceipt.class, "scalarGeneration",
                                    "java.nio.file.Path"),
                            selectMethod(NegativeDemosTestCases.WritesItsOwnReceipt.class, "forgesACudaReceipt"))
                    .configurationParameter(EmitsReceipt.DIR_PARAMETER, receipts.toString())
                    .build(), outcome);
        } finally {
            System.clearProperty("honestcompute.demo.receipts");
        }
        assertThat(outcome.getSummary().getTestsSucceededCount()).as("both tests pass: the forging test swallows "
                + "the refusals, " + outcome.getSummary().getFailures().stream().map(f -> f.getException().toString())
                .toList()).isEqualTo(2);
        assertThat(NegativeDemosTestCases.WritesItsOwnReceipt.REFUSALS).as("a write, a move, a run summary of its "
                        + "own, a write through a symbolic link").hasSize(4)
                .allSatisfy(m -> assertThat(m).contains("Honest Compute refuses writing", "in the receipts directory",
                        NegativeDemosTestCases.WritesItsOwnReceipt.class.getName()));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(receipts)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith("cudaGeneration.json"));
        }
        assertThat(dev.honestcompute.recorder.RecorderAgent.forgeries())
                .anySatisfy(f -> assertThat(f).contains(NegativeDemosTestCases.WritesItsOwnReceipt.class.getName(),
                        "in the receipts directory"));
        Path summary = receipts.resolve(RunSummary.FILE_NAME);
        List<RunSummaryProblem> problems = RunSummaryVerifier.verify(summary, null).problems();
        assertThat(problems).as("the session's own summary of the honest run, problems of " + summary).isEmpty();
    }
}
