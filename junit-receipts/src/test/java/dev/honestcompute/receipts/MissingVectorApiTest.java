package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.MissingVectorApi;
import dev.honestcompute.receipts.internal.ReceiptCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test JVM without {@code --add-modules jdk.incubator.vector} (this module's own: the pom does not add it), running
 * engine code that needs the Vector API: the failure names the flag and where to add it, and the receipt's HC005 and
 * HC018 say the same.
 */
class MissingVectorApiTest {

    static final String FLAG = "--add-modules jdk.incubator.vector";

    @TempDir
    Path receipts;

    @BeforeEach
    void thisJvmLacksTheModule() {
        assertThat(MissingVectorApi.moduleInBootLayer()).as("these tests need a test JVM without " + FLAG
                + "; junit-receipts' Surefire argLine must not add it").isFalse();
    }

    @Test
    void aSimdKernelCalledFromTheTestFailsNamingTheFlagAndWhereToAddIt() {
        EngineExecutionResults results = ReceiptKit.run(receipts, MissingVectorApiTestCases.SimdKernelInTheBody.class);

        Throwable failure = onlyFailure(results);
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("the test JVM has no Vector API module, so engine code that uses it could not "
                        + "be loaded (java.lang.NoClassDefFoundError: jdk/incubator/vector/")
                .hasMessageContaining("add " + FLAG + " to the test JVM: with the Honest Compute Maven plugin set "
                        + "<vectorApi>true</vectorApi> in prepare-agent's <configuration>, otherwise put it in the "
                        + "Surefire/Failsafe <argLine> (<argLine>@{argLine} " + FLAG + "</argLine>)")
                .hasMessageContaining("docs/maven.md");
        assertThat(failure.getCause()).as("the original error stays the cause").isInstanceOf(NoClassDefFoundError.class);

        Path file = receipts.resolve(ReceiptKit.caseDir(MissingVectorApiTestCases.SimdKernelInTheBody.class))
                .resolve("dotProduct.json");
        JsonNode receipt = ReceiptKit.json(file);
        assertThat(ReceiptAssertions.testStatus(receipt)).isEqualTo("failed");
        assertThat(receipt.path("test").path("failure").asText()).contains(FLAG);
        assertThat(receipt.path("host").path("vector_api").path("present").asBoolean(true)).isFalse();
        List<ReceiptCheck.Violation> violations = ReceiptAssertions.violations(file, "default");
        assertThat(violations).filteredOn(v -> v.rule().equals("HC005")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("host.vector_api.present = false")
                        .contains("Remedy: add " + FLAG));
        assertThat(violations).filteredOn(v -> v.rule().equals("HC018")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("backend 'cpu-simd' is claimed but no kernel ran on it")
                        .contains("Remedy: add " + FLAG + " to the test JVM"));
    }

    @Test
    void anEngineBuiltInBeforeEachIsExplainedToo() {
        EngineExecutionResults results = ReceiptKit.run(receipts,
                MissingVectorApiTestCases.SimdEngineBuiltBeforeEach.class);

        assertThat(onlyFailure(results)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("java.lang.NoClassDefFoundError: jdk/incubator/vector/")
                .hasMessageContaining("<vectorApi>true</vectorApi>");
    }

    @Test
    void aFailureTheEngineWrappedIsFoundInTheCauseChain() {
        EngineExecutionResults results = ReceiptKit.run(receipts, MissingVectorApiTestCases.EngineWrapsTheFailure.class);

        Throwable failure = onlyFailure(results);
        assertThat(failure).hasMessageContaining("(java.lang.ClassNotFoundException: jdk.incubator.vector.FloatVector)")
                .hasMessageContaining("add " + FLAG);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("SIMD backend unavailable");
    }

    @Test
    void anotherMissingClassKeepsItsOwnFailure() {
        EngineExecutionResults results = ReceiptKit.run(receipts, MissingVectorApiTestCases.AnotherClassIsMissing.class);

        assertThat(onlyFailure(results)).isInstanceOf(ClassNotFoundException.class)
                .hasMessage("com.acme.engine.MissingPlugin");
    }

    @Test
    void aSimdClaimThatRanScalarKernelsNamesTheFlagInHC018() {
        EngineExecutionResults results = ReceiptKit.run(receipts, MissingVectorApiTestCases.ScalarPathTaken.class);

        String failure = onlyFailure(results).getMessage();
        assertThat(failure).contains("[HC018] /claims/backend = \"cpu-simd\": backend 'cpu-simd' is claimed but no "
                + "kernel ran on it; kernels ran on [cpu]; the test JVM had no Vector API module "
                + "(host.vector_api.present = false)").contains("Remedy: add " + FLAG);
    }

    @Test
    void hc018NamesTheFlagOnlyWhenTheHostRecordSaysTheModuleWasMissing() {
        ReceiptKit.run(receipts, MissingVectorApiTestCases.ScalarPathTaken.class);
        Path file = receipts.resolve(ReceiptKit.caseDir(MissingVectorApiTestCases.ScalarPathTaken.class))
                .resolve("claimsSimdRunsScalar.json");
        ObjectNode receipt = (ObjectNode) ReceiptKit.json(file);
        ((ObjectNode) receipt.path("host").path("vector_api")).put("present", true).put("preferred_bits", 256);

        List<ReceiptCheck.Violation> withModule = ReceiptCheck.check(receipt, "default");

        assertThat(withModule).filteredOn(v -> v.rule().equals("HC018")).singleElement()
                .satisfies(v -> assertThat(v.message()).doesNotContain(FLAG).doesNotContain("vector_api"));
    }

    @Test
    void onlyAVectorApiClassNamedInTheCauseChainOfAJvmWithoutTheModuleIsExplained() {
        NoClassDefFoundError vector = new NoClassDefFoundError("jdk/incubator/vector/FloatVector");

        assertThat(MissingVectorApi.explain(vector, false)).get().asString().contains(FLAG);
        assertThat(MissingVectorApi.explain(vector, true)).as("the module is there: something else broke").isEmpty();
        assertThat(MissingVectorApi.explain(new NoClassDefFoundError("com/acme/Engine"), false)).isEmpty();
        assertThat(MissingVectorApi.explain(new IllegalStateException("jdk/incubator/vector"), false))
                .as("only class-loading errors").isEmpty();
        assertThat(MissingVectorApi.explain(null, false)).isEmpty();
        // a cause cycle ends the walk
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(MissingVectorApi.explain(a, false)).isEmpty();
        // "Could not initialize class" on a second use: the first error is in the cause's message (JDK 17+)
        NoClassDefFoundError again = new NoClassDefFoundError("Could not initialize class com.acme.SimdBackend");
        again.initCause(new ExceptionInInitializerError("Exception java.lang.NoClassDefFoundError: "
                + "jdk/incubator/vector/FloatVector [in thread \"main\"]"));
        assertThat(MissingVectorApi.explain(again, false)).get().asString()
                .contains("java.lang.ExceptionInInitializerError: Exception java.lang.NoClassDefFoundError: "
                        + "jdk/incubator/vector/FloatVector");
    }

    static Throwable onlyFailure(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst().orElseThrow(() -> new AssertionError(
                        "expected a failed test, events: " + results.testEvents().list()))
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
