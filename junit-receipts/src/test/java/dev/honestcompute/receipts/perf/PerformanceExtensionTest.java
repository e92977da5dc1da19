package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class PerformanceExtensionTest {

    @TempDir
    Path baselines;

    @BeforeEach
    void clear() {
        CapturedSections.clear();
    }

    private EngineExecutionResults run(Class<?> testCase, Map<String, String> config) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PerformanceExtension.BASELINES_DIR_KEY, baselines.toString())
                .configurationParameters(config)
                .selectors(selectClass(testCase))
                .execute();
    }

    private static String failureMessage(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Event failed = results.testEvents().failed().list().get(0);
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
    }

    @Test
    void measuredMatmulLandsInThePerformanceSection() {
        EngineExecutionResults results = run(PerformanceTestCases.MatmulCase.class, Map.of());
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        JsonNode perf = CapturedSections.of(PerformanceTestCases.MatmulCase.class, "multiplies").path("performance");
        assertThat(perf.path("format").asText()).isEqualTo("honestcompute-performance/1");
        JsonNode ms = perf.path("measurements");
        assertThat(ms).hasSize(2);
        assertThat(ms.get(0).path("name").asText()).isEqualTo("matmul-40");
        assertThat(ms.get(0).path("unit").asText()).isEqualTo("rows");
        assertThat(ms.get(0).path("warmup_iterations").asInt()).isEqualTo(1);
        assertThat(ms.get(0).path("measured_iterations").asInt()).isEqualTo(5);
        assertThat(ms.get(0).path("total_units").asLong()).isEqualTo(200);
        assertThat(ms.get(0).path("latency").path("p50_ms").asDouble()).isPositive();
        assertThat(ms.get(0).path("units_per_second").asDouble()).isPositive();
        assertThat(ms.get(1).path("first_unit_latency_ms")).hasSize(5);

        JsonNode pb = perf.path("performance_baseline");
        assertThat(pb.path("tokens_generated").asLong()).isEqualTo(200);
        assertThat(pb.path("tokens_per_second").asDouble()).isPositive();
        assertThat(pb.path("memory_usage_mb").asDouble()).isPositive();

        assertThat(perf.path("comparisons")).hasSize(2);
        assertThat(perf.path("comparisons").get(0).path("verdict").asText()).isEqualTo("NO_BASELINE");
        assertThat(perf.path("regression_policy").path("gate").asBoolean()).isFalse();
        assertThat(perf.path("regression_policy").path("baselines_dir").asText()).isEqualTo(baselines.toString());
        // The recorder agent is loaded: every measured iteration's kernel calls are in the section.
        assertThat(ms.get(0).path("recorder_active").asBoolean()).isTrue();
        assertThat(ms.get(0).path("kernel_calls").asLong()).as("40 rows x 5 iterations").isEqualTo(200);
        assertThat(ms.get(0).path("kernel_calls_per_unit").asDouble()).isEqualTo(1.0);
        assertThat(ms.get(0).path("kernel_calls_per_iteration").toString()).isEqualTo("[40,40,40,40,40]");

        assertThat(results.allEvents().reportingEntryPublished().stream()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                .flatMap(r -> r.getKeyValuePairs().entrySet().stream())
                .filter(kv -> kv.getKey().equals("honestcompute.performance"))
                .map(Map.Entry::getValue))
                .singleElement().asString().contains("matmul-40: ").contains("rows/s").contains("p95");
    }

    @Test
    void methodLevelAnnotationWorks() {
        run(PerformanceTestCases.MethodLevelCase.class, Map.of())
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        JsonNode perf = CapturedSections.of(PerformanceTestCases.MethodLevelCase.class, "measured")
                .path("performance");
        assertThat(perf.path("measurements").get(0).path("unit").asText()).isEqualTo("items");
        assertThat(perf.path("measurements").get(0).path("measured_iterations").asInt()).isEqualTo(3);
    }

    @Test
    void methodAnnotationOverridesTheClassAndTemplatesGetOneSectionPerInvocation() {
        run(PerformanceTestCases.MethodOverridesClassCase.class, Map.of())
                .testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        JsonNode perf = CapturedSections.of(PerformanceTestCases.MethodOverridesClassCase.class, "overridden")
                .path("performance");
        assertThat(perf.path("measurements").get(0).path("measured_iterations").asInt()).isEqualTo(2);
        assertThat(perf.path("measurements").get(0).path("unit").asText()).isEqualTo("rows");
        JsonNode repeated = CapturedSections.of(PerformanceTestCases.MethodOverridesClassCase.class, "repeated")
                .path("performance");
        assertThat(repeated.path("measurements").get(0).path("measured_iterations").asInt()).isEqualTo(5);
    }

    private void baselineFasterThanPossible(Class<?> testCase, String method, String measurement) throws Exception {
        Baselines.write(baselines, testCase.getName(), method, measurement, "rows", Hosts.current(),
                1e-9, 1e-9, 1e-9);
    }

    @Test
    void regressionIsANonGatingWarningByDefault() throws Exception {
        baselineFasterThanPossible(PerformanceTestCases.MatmulCase.class, "multiplies", "matmul-40");

        run(PerformanceTestCases.MatmulCase.class, Map.of()).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));

        JsonNode perf = CapturedSections.of(PerformanceTestCases.MatmulCase.class, "multiplies").path("performance");
        assertThat(perf.path("comparisons").get(0).path("verdict").asText()).isEqualTo("REGRESSION");
        assertThat(perf.path("comparisons").get(0).path("gating").asBoolean()).isFalse();
        assertThat(perf.path("comparisons").get(1).path("verdict").asText()).isEqualTo("NO_BASELINE");
        assertThat(perf.path("warnings").toString()).contains("matmul-40: median").contains("-> regression")
                .contains("non-gating warning");
    }

    @Test
    void regressionFailsTheTestWhenGating() throws Exception {
        baselineFasterThanPossible(PerformanceTestCases.MatmulCase.class, "multiplies", "matmul-40");

        String message = failureMessage(run(PerformanceTestCases.MatmulCase.class,
                Map.of("honestcompute.perf.gate", "true")));

        assertThat(message).startsWith("performance regression in " + PerformanceTestCases.MatmulCase.class.getName()
                + "#multiplies (honestcompute.perf.gate=true): matmul-40: median")
                .contains("[gating: fails the build]");
        // The evidence is still in the receipt.
        assertThat(CapturedSections.of(PerformanceTestCases.MatmulCase.class, "multiplies")
                .path("performance").path("comparisons").get(0).path("gating").asBoolean()).isTrue();
    }

    @Test
    void baselineFromAnotherHostIsNotComparedUnlessForced() throws Exception {
        Baselines.write(baselines, PerformanceTestCases.MatmulCase.class.getName(), "multiplies", "matmul-40",
                "rows", Baselines.otherHost(), 1e-9, 1e-9, 1e-9);

        run(PerformanceTestCases.MatmulCase.class, Map.of("honestcompute.perf.gate", "true")).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        JsonNode perf = CapturedSections.of(PerformanceTestCases.MatmulCase.class, "multiplies").path("performance");
        assertThat(perf.path("comparisons").get(0).path("verdict").asText()).isEqualTo("NOT_COMPARABLE");
        assertThat(perf.path("warnings").toString()).contains("different host").contains("logical_cores: 999");

        String message = failureMessage(run(PerformanceTestCases.MatmulCase.class,
                Map.of("honestcompute.perf.gate", "true", "honestcompute.perf.forceCompare", "true")));
        assertThat(message).contains("performance regression").contains("host differs, compared because forced");
    }

    @Test
    void malformedBaselineFailsNamingFileAndField() throws Exception {
        Path file = new BaselineStore(baselines).fileFor(PerformanceTestCases.MatmulCase.class.getName(),
                "multiplies");
        Baselines.write(baselines, PerformanceTestCases.MatmulCase.class.getName(), "multiplies", "matmul-40",
                "rows", Hosts.current(), 1.0, 1.0, 1.0);
        Files.writeString(file, Files.readString(file).replace("\"ms_per_unit\"", "\"tokens_per_second\""),
                StandardCharsets.UTF_8);

        String message = failureMessage(run(PerformanceTestCases.MatmulCase.class, Map.of()));

        assertThat(message).isEqualTo("baseline " + file + " field 'measurements.matmul-40.metric': expected "
                + "'ms_per_unit'; fix the file or regenerate it with 'baseline update --from <receipts> --to "
                + "<baselines>'");
        assertThat(CapturedSections.of(PerformanceTestCases.MatmulCase.class, "multiplies")
                .path("performance").path("warnings").toString()).contains(file.toString());
    }

    @Test
    void aTestThatMeasuresNothingFails() {
        assertThat(failureMessage(run(PerformanceTestCases.NoMeasurementCase.class, Map.of())))
                .contains("the test took no measurement").contains("perf.measure(name, () -> work())");
        assertThat(failureMessage(run(PerformanceTestCases.NoParameterCase.class, Map.of())))
                .contains("the test took no measurement").contains("add a PerfRecorder parameter");
    }

    @Test
    void misconfigurationIsReportedWithTheKeyOrAttribute() {
        assertThat(failureMessage(run(PerformanceTestCases.BadIterationsCase.class, Map.of())))
                .contains("@MeasurePerformance on ").contains("iterations must be >= 1, was 0");
        assertThat(failureMessage(run(PerformanceTestCases.MatmulCase.class,
                Map.of("honestcompute.perf.threshold", "ten percent"))))
                .contains("honestcompute.perf.threshold='ten percent' is not a number");
        assertThat(failureMessage(run(PerformanceTestCases.NotAnnotatedCase.class, Map.of())))
                .contains("without @MeasurePerformance");
    }
}
