package dev.honestcompute.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.summary.Deselection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class ParityWithTest {

    @TempDir
    Path dir;
    Path failures;

    @BeforeEach
    void reset() {
        failures = dir.resolve("receipts/parity-failures.jsonl");
        ParityWithTestCases.CLOSED.set(0);
    }

    private EngineExecutionResults run(Class<?> cases, String... extraKeyValues) {
        var kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(cases))
                .configurationParameter(ParityWith.FAILURES_PARAMETER, failures.toString());
        for (int i = 0; i < extraKeyValues.length; i += 2) {
            kit = kit.configurationParameter(extraKeyValues[i], extraKeyValues[i + 1]);
        }
        return kit.execute();
    }

    private static Throwable onlyFailure(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(1);
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    @Test
    void inProcessReferencePassesUnderFp32AndWritesTheSection() {
        EngineExecutionResults results = run(ParityWithTestCases.Passing.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));

        JsonNode section = ParitySections.of(results, "backwardFloatMatches");
        assertThat(section).isNotNull();
        assertThat(section.get("status").asText()).isEqualTo("passed");
        assertThat(section.get("passed").asBoolean()).isTrue();
        assertThat(section.get("profile").asText()).isEqualTo("fp32");
        assertThat(section.get("reference").get("name").asText()).isEqualTo("forward-double");
        JsonNode checks = section.get("checks");
        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).get("input").get("id").asText()).isEqualTo("fox");
        assertThat(checks.get(0).get("underTest").get("engine").get("name").asText())
                .isEqualTo("engine under test");
        assertThat(checks.get(1).get("underTest").get("engine").get("name").asText()).isEqualTo("backward-float");
        assertThat(checks.get(0).get("reference").get("nanos").asLong()).isPositive();
        JsonNode metrics = checks.get(0).get("verdict").get("metrics");
        assertThat(metrics.size()).isPositive();
        metrics.forEach(m -> assertThat(m.get("outcome").asText()).isIn("PASSED", "INFORMATIONAL"));
        assertThat(Files.exists(failures)).as("a passing run logs no failure").isFalse();
        assertThat(ParityWithTestCases.CLOSED.get()).as("AutoCloseable reference closed once").isEqualTo(1);
    }

    @Test
    void perturbedEngineFailsNamingMetricAndIndexAndLogsTheFullInput() {
        EngineExecutionResults results = run(ParityWithTestCases.Perturbed.class);
        Throwable t = onlyFailure(results);
        assertThat(t).isInstanceOf(AssertionError.class)
                .hasMessageContaining("parity FAILED on input 'fox'")
                .hasMessageContaining("mismatch_ratio = ").hasMessageContaining("at index [2, 5]")
                .hasMessageContaining("FAILED")
                .hasMessageContaining(failures.toAbsolutePath().toString());

        List<ParityRecord> logged = new FailureLog(failures).read();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).input()).isEqualTo(ParityWithTestCases.FOX);
        assertThat(logged.get(0).verdict().passed()).isFalse();

        JsonNode section = ParitySections.of(results, "perturbedFails");
        assertThat(section.get("status").asText()).isEqualTo("failed");
        assertThat(section.get("passed").asBoolean()).isFalse();
        assertThat(section.get("checks")).hasSize(1);
        assertThat(ParityWithTestCases.CLOSED.get()).isEqualTo(1);
    }

    @Test
    void unknownProfileFailsNamingTheTestAndTheValidProfiles() {
        Throwable t = onlyFailure(run(ParityWithTestCases.UnknownProfile.class));
        assertThat(t.getMessage()).contains("badProfile(ParityCheck)", "unknown tolerance profile 'fp33'", "fp32",
                "quantized-vs-fp32");
    }

    @Test
    void aTestThatNeverChecksFails() {
        Throwable t = onlyFailure(run(ParityWithTestCases.NeverChecks.class));
        assertThat(t.getMessage()).contains("comparesNothing", "never called ParityCheck.check");
    }

    @Test
    void containerReferenceWithoutDockerFailsWithTheReason() {
        Throwable t = onlyFailure(run(ParityWithTestCases.Container.class));
        assertThat(t.getMessage()).contains("againstServer", "needs Docker", "Docker is not available",
                ParityWith.CONTAINER_PARAMETER + "=skip");
    }

    @Test
    void containerReferenceDeselectedByRuleWhenSkipped() {
        EngineExecutionResults results = run(ParityWithTestCases.Container.class, ParityWith.CONTAINER_PARAMETER,
                "skip");
        results.testEvents().assertStatistics(s -> s.skipped(1).started(0).failed(0));
        String reason = results.testEvents().skipped().list().get(0)
                .getPayload(String.class).orElseThrow();
        assertThat(Deselection.ruleOf(reason)).contains(ParityWith.CONTAINER_RULE);
        assertThat(reason).contains("InContainer");
    }
}
