package dev.honestcompute.receipts.selfattach;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs in Failsafe's JVM, started <b>without</b> {@code -javaagent}: {@code @EmitsReceipt} self-attaches the recorder
 * (one warning line) unless {@value EmitsReceipt#SELF_ATTACH_PARAMETER} is {@code false}, and loads extra kernels
 * configs from {@value EmitsReceipt#KERNELS_CONFIG_PARAMETER}. Ordered: once attached, an agent stays for the JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfAttachReceiptIT {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private EngineExecutionResults run(Class<?> testCase, Map<String, String> parameters) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase))
                    .configurationParameter(EmitsReceipt.DIR_PARAMETER, dir.toString())
                    .configurationParameters(parameters)
                    .execute();
        } finally {
            System.setErr(original);
        }
    }

    @Test
    @Order(1)
    void withSelfAttachOffAndNoJavaagentARealReceiptFailsNamingTheArgLine() {
        assertThat(RecorderAgent.isInstalled()).as("this JVM must start without -javaagent").isFalse();

        EngineExecutionResults results = run(SelfAttachTestCases.DotOnTheCpu.class,
                Map.of(EmitsReceipt.SELF_ATTACH_PARAMETER, "false"));

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = onlyFailure(results);
        assertThat(failure.getMessage()).contains("HC016").contains("-javaagent");
        assertThat(RecorderAgent.isInstalled()).as("nothing was attached").isFalse();
    }

    @Test
    @Order(2)
    void aBadSelfAttachValueIsAConfigurationErrorNamingTheParameter() {
        EngineExecutionResults results = run(SelfAttachTestCases.DotOnTheCpu.class,
                Map.of(EmitsReceipt.SELF_ATTACH_PARAMETER, "maybe"));

        Throwable failure = onlyFailure(results);
        assertThat(failure).hasMessageContaining(EmitsReceipt.SELF_ATTACH_PARAMETER).hasMessageContaining("'maybe'")
                .hasMessageContaining("expected true or false");
        assertThat(RecorderAgent.isInstalled()).isFalse();
    }

    @Test
    @Order(3)
    void byDefaultTheExtensionSelfAttachesWithOneWarningAndTheReceiptListsTheObservedKernel() throws Exception {
        EngineExecutionResults results = run(SelfAttachTestCases.DotOnTheCpu.class, Map.of());

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(RecorderAgent.installedBy()).isEqualTo("self-attach");
        List<String> warnings = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("self-attached")).toList();
        assertThat(warnings).singleElement().asString().contains("-javaagent");
        JsonNode receipt = onlyReceipt();
        assertThat(receipt.path("compute_path").asText()).isEqualTo("real");
        assertThat(receipt.path("kernels").toString()).contains("selfattach.dot_f32");
    }

    @Test
    @Order(4)
    void aKernelsConfigFromTheConfigurationParameterInstrumentsAClassWithoutAnnotations() throws Exception {
        Path config = dir.resolve("kernels.json");
        Files.writeString(config, "{\"kernels\": [{\"class\": \"" + SelfAttachTestCases.ThirdPartyAxpy.class.getName()
                + "\", \"methods\": [\"axpy\"], \"id\": \"thirdparty.{method}\", \"backend\": \"cpu\"}]}");

        EngineExecutionResults results = run(SelfAttachTestCases.ConfiguredAxpy.class,
                Map.of(EmitsReceipt.KERNELS_CONFIG_PARAMETER, config.toString()));

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(onlyReceipt().path("kernels").toString()).contains("thirdparty.axpy");
    }

    @Test
    @Order(5)
    void aBrokenKernelsConfigFailsTheTestNamingTheParameterAndTheFile() {
        Path missing = dir.resolve("nope/kernels.json");

        EngineExecutionResults results = run(SelfAttachTestCases.ConfiguredAxpy.class,
                Map.of(EmitsReceipt.KERNELS_CONFIG_PARAMETER, missing.toString()));

        Throwable failure = onlyFailure(results);
        assertThat(failure).hasMessageContaining(EmitsReceipt.KERNELS_CONFIG_PARAMETER)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    private static Throwable onlyFailure(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
    }

    private JsonNode onlyReceipt() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("kernels.json"))
                    .forEach(files::add);
        }
        assertThat(files).as("receipts written under " + dir).hasSize(1);
        return ReceiptJson.mapper().readTree(Files.readString(files.get(0)));
    }
}
