package dev.honestcompute.examples.evidence;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** What the native engines' own evidence catches, on the real engines, asserted on the receipts. */
class NativeEvidenceDemosTest {

    @TempDir
    Path receipts;

    private Events run(Class<?> cases) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmitsReceipt.DIR_PARAMETER, receipts.toString())
                .selectors(selectClass(cases)).execute().testEvents();
    }

    private Receipt receipt(String name) throws Exception {
        try (Stream<Path> files = Files.walk(receipts)) {
            return Receipt.read(files.filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no receipt " + name + " under " + receipts)));
        }
    }

    @Test
    void onnxRuntimeNodesOnTheCpuFailATestThatRequestedCudaAndTheReceiptNamesThem() throws Exception {
        Events tests = run(NativeEvidenceDemosTestCases.OnnxCudaRequired.class);

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("[HC017]")
                && m.contains("ORT_ALL_NODES_FELL_BACK")))));
        Receipt r = receipt("requiresCudaWithoutAllowingFallback.json");
        assertThat(r.fallbacks()).anySatisfy(f -> {
            assertThat(f.requested()).isEqualTo("cuda");
            assertThat(f.effective()).isEqualTo("cpu");
            assertThat(f.detail()).contains("17 of 17 ONNX Runtime nodes ran on CPUExecutionProvider", "/attn/",
                    "[observed by onnxruntime-profiler]");
        });
    }

    @Test
    void aSessionCreatedBeforeTheTestIsReportedUnavailableAndTheReceiptFails() throws Exception {
        Events tests = run(NativeEvidenceDemosTestCases.OnnxSessionCreatedBeforeTheTest.class);

        tests.assertStatistics(s -> s.started(1).failed(1));
        assertThat(receipt("runsASessionMadeOutsideTheWindow.json").tree().toString())
                .contains("was created outside a recording window");
    }

    @Test
    void gpuLayersThatLlamaCppKeptOnTheCpuFailATestThatRequestedCuda() throws Exception {
        Events tests = run(NativeEvidenceDemosTestCases.LlamaCppGpuLayersRequired.class);

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains("[HC017]")
                && m.contains("LLAMACPP_NO_LAYERS_OFFLOADED")))));
        assertThat(receipt("requiresGpuLayers.json").fallbacks()).anySatisfy(f ->
                assertThat(f.detail()).contains("--gpu-layers 99", "offloaded 0/3 layers"));
    }

    @Test
    void anHonestCpuRunPassesWithOnnxRuntimesNodesAsItsKernels() throws Exception {
        run(NativeEvidenceDemosTestCases.OnnxCpuHonest.class).assertStatistics(s -> s.started(1).succeeded(1));

        Receipt r = receipt("runsOnTheCpuProvider.json");
        assertThat(r.kernels()).contains("ort.MatMul", "ort.Softmax", "ort.Gather");
        assertThat(r.kernelStats()).filteredOn(k -> k.id().startsWith("ort.")).allSatisfy(k ->
                assertThat(k.backend()).isEqualTo("cpu"));
        assertThat(r.tree().path("kernel_stats").toString()).contains("onnxruntime-profiler");
        assertThat(ReceiptVerifier.forPolicy("default").verify(r).passed()).isTrue();
    }
}
