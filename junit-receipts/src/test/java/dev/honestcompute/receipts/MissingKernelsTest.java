package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.ReceiptCheck;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HC005 says why no kernel was observed when the recorder knows: the {@code @Kernel} annotations its transformer
 * skipped and the kernels-config entries that matched nothing in this JVM, recorded in the receipt
 * ({@code recorder.skipped_kernels}, {@code recorder.unmatched_config}).
 */
class MissingKernelsTest {

    @TempDir
    Path dir;

    @Test
    void aKernelOnAnAbstractMethodIsNamedInHc005AndInTheReceipt() {
        EngineExecutionResults results = ReceiptKit.run(dir.resolve("receipts"),
                MissingKernelsTestCases.KernelOnAnAbstractMethod.class);

        String skipped = "@Kernel(id = \"hints.abstract_gemm\") on "
                + MissingKernelsTestCases.AnnotatedAbstractGemm.class.getName() + ".gemm([F)F is not recorded: the "
                + "method is abstract and annotations are not inherited";
        assertThat(MissingVectorApiTest.onlyFailure(results).getMessage())
                .contains("[HC005] /kernels = []: kernels is empty: no kernel was observed, so this receipt proves no "
                        + "compute ran; the recorder agent of this test JVM did not instrument ")
                .contains(" kernel(s) (recorder.skipped_kernels): ").contains(skipped)
                .contains("Remedy: move each @Kernel named in recorder.skipped_kernels to a method with a Java body");
        Path file = dir.resolve("receipts").resolve(ReceiptKit.caseDir(MissingKernelsTestCases.KernelOnAnAbstractMethod
                .class)).resolve("runsTheImplementation.json");
        assertThat(EmitsReceiptTest.texts(ReceiptKit.json(file).path("recorder").path("skipped_kernels")))
                .anySatisfy(line -> assertThat(line).startsWith(skipped));
        ReceiptAssertions.assertFailsVerification(file, "default");
    }

    @Test
    void aKernelsConfigTypoFailsNamingTheEntry() throws Exception {
        String id = "thirdparty.scale";
        Path config = dir.resolve("kernels.json");
        String typo = MissingKernelsTestCases.ThirdPartyScale.class.getName().replace("Scale", "Scael");
        Files.writeString(config, "{\"kernels\": [{\"class\": \"" + typo + "\", \"methods\": [\"scale\"], \"id\": \""
                + id + "\", \"backend\": \"cpu\"}]}");

        EngineExecutionResults results = ReceiptKit.run(dir.resolve("receipts"),
                MissingKernelsTestCases.MistypedThirdPartyKernel.class,
                Map.of(EmitsReceipt.KERNELS_CONFIG_PARAMETER, config.toString()));

        String entry = "config entry matched no class loaded so far: " + config.toAbsolutePath() + "#/kernels/0 (class "
                + typo + " → " + id + ")";
        assertThat(RecorderAgent.unmatchedConfigEntries()).contains(entry)
                .as("the recorder's built-in entries for engines this project does not use")
                .anySatisfy(line -> assertThat(line).contains("com.github.tjake.jlama"));
        assertThat(RecorderAgent.unmatchedUserConfigEntries()).contains(entry)
                .noneSatisfy(line -> assertThat(line).contains("com.github.tjake.jlama"));
        assertThat(MissingVectorApiTest.onlyFailure(results).getMessage()).contains("[HC005]")
                .contains("1 kernels-config entry matched no class loaded in this test JVM "
                        + "(recorder.unmatched_config): " + entry)
                .contains("fix the kernels-config entries named in recorder.unmatched_config (the class's binary "
                        + "name, $ for nested classes");
    }

    @Test
    void aMatchingEntryRecordsTheKernelAndIsNotListedAsUnmatched() throws Exception {
        String id = "thirdparty.shift";
        Path config = dir.resolve("kernels.json");
        Files.writeString(config, "{\"kernels\": [{\"class\": \"" + MissingKernelsTestCases.ThirdPartyShift.class
                .getName() + "\", \"methods\": [\"shift\"], \"id\": \"" + id + "\", \"backend\": \"cpu\"}]}");

        EngineExecutionResults results = ReceiptKit.run(dir.resolve("receipts"),
                MissingKernelsTestCases.ConfiguredThirdPartyKernel.class,
                Map.of(EmitsReceipt.KERNELS_CONFIG_PARAMETER, config.toString()));

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        JsonNode receipt = ReceiptKit.json(dir.resolve("receipts").resolve(ReceiptKit.caseDir(
                MissingKernelsTestCases.ConfiguredThirdPartyKernel.class)).resolve("shifts.json"));
        assertThat(EmitsReceiptTest.texts(receipt.path("kernels"))).containsExactly(id);
        assertThat(EmitsReceiptTest.texts(receipt.path("recorder").path("unmatched_config")))
                .noneSatisfy(line -> assertThat(line).contains(id));
    }

    @Test
    void aReceiptWithoutTheRecordedListsGetsTheGeneralRemedyOnly() throws Exception {
        Path receipts = dir.resolve("receipts");
        ReceiptKit.run(receipts, EmitsReceiptTestCases.ActiveButNoKernelCase.class);
        Path file = receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.ActiveButNoKernelCase.class))
                .resolve("claimsRealButRunsNothing.json");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                ReceiptKit.json(file);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("recorder")).remove(List.of("skipped_kernels",
                "unmatched_config"));

        List<ReceiptCheck.Violation> violations = ReceiptCheck.check(tree, "default");

        assertThat(violations).filteredOn(v -> v.rule().equals("HC005")).singleElement().satisfies(v ->
                assertThat(v.message()).isEqualTo("/kernels = []: kernels is empty: no kernel was observed, so this "
                        + "receipt proves no compute ran Remedy: " + ReceiptRule.KERNELS_PRESENT.remedy()));
    }
}
