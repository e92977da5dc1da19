package dev.honestcompute.receipts.determinism;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.perf.CapturedSections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class DeterminismExtensionTest {

    @BeforeEach
    void clear() {
        CapturedSections.clear();
    }

    private static EngineExecutionResults run(Class<?> testCase) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase)).execute();
    }

    private static Throwable failure(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        return results.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    @Test
    void orderedParallelSumPassesAndIsRecorded() {
        run(DeterminismTestCases.OrderedSumCase.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        JsonNode d = CapturedSections.of(DeterminismTestCases.OrderedSumCase.class, "orderedParallelSum")
                .path("determinism");
        assertThat(d.path("runs").asInt()).isEqualTo(3);
        assertThat(d.path("deterministic").asBoolean()).isTrue();
        assertThat(d.path("seeds").toString()).isEqualTo("[20261123,20261123,20261123]");
        assertThat(d.path("outputs").get(0).path("name").asText()).isEqualTo("sum");
        assertThat(d.path("outputs").get(0).path("sha256_per_run")).hasSize(3);
        assertThat(d.path("outputs").get(0).path("identical").asBoolean()).isTrue();
        assertThat(d.path("threads").path("available_processors").asInt())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.path("encoding").asText()).startsWith("sha256(");
    }

    @Test
    void unorderedParallelSumFailsWithTheFirstDifference() {
        Throwable t = failure(run(DeterminismTestCases.UnorderedSumCase.class));

        assertThat(t).isInstanceOf(NondeterminismError.class);
        assertThat(t.getMessage()).startsWith("nondeterministic output 'sum': run 1 differs from run 0 at index 0: ")
                .containsPattern("index 0: -?[0-9.E]+ \\(bits 0x[0-9a-f]{8}\\) vs -?[0-9.E]+ \\(bits 0x[0-9a-f]{8}\\)");
        OutputMismatch m = ((NondeterminismError) t).mismatch();
        assertThat(m.run()).isEqualTo(1);
        assertThat(m.index()).isEqualTo(0);
        assertThat(m.expected()).isNotEqualTo(m.actual());
        assertThat(DeterminismTestCases.ATTEMPTS.get()).isLessThan(2000);

        JsonNode d = CapturedSections.of(DeterminismTestCases.UnorderedSumCase.class, "unorderedParallelSum")
                .path("determinism");
        assertThat(d.path("deterministic").asBoolean()).isFalse();
        assertThat(d.path("first_mismatch").path("output").asText()).isEqualTo("sum");
        assertThat(d.path("outputs").get(0).path("identical").asBoolean()).isFalse();
    }

    @Test
    void misuseFailsWithAReason() {
        assertThat(failure(run(DeterminismTestCases.NoParameterCase.class)).getMessage())
                .contains("has no DeterminismRecorder parameter");
        assertThat(failure(run(DeterminismTestCases.NothingRecordedCase.class)).getMessage())
                .contains("determinism run 0 of 2 recorded no outputs");
        assertThat(failure(run(DeterminismTestCases.OneRunCase.class)).getMessage())
                .contains("@CheckDeterminism(runs = 1)").contains("needs at least 2 runs");
        Throwable crash = failure(run(DeterminismTestCases.FailsInSecondRunCase.class));
        assertThat(crash).hasMessage("engine crashed");
        assertThat(crash.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                .contains("thrown in determinism run 1 of 2");
    }
}
