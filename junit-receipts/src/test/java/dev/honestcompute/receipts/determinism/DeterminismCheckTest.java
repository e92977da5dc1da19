package dev.honestcompute.receipts.determinism;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeterminismCheckTest {

    private static final float[] DATA = ParallelFloatSum.data(5, 1 << 14);

    @Test
    void identicalOutputsPassAndReportDigestsSeedsAndThreads() throws Exception {
        DeterminismReport report = DeterminismCheck.runs(3).check(outputs -> {
            outputs.seed(42);
            outputs.record("sum", new float[] {ParallelFloatSum.ordered(DATA)});
            outputs.record("tokens", new int[] {1, 2, 3});
            outputs.record("text", "héllo");
            outputs.record("raw", new byte[] {1, 2});
            outputs.recordTokens("generated", List.of(7, 8));
        }).assertDeterministic();

        assertThat(report.runs()).isEqualTo(3);
        assertThat(report.deterministic()).isTrue();
        assertThat(report.firstMismatch()).isNull();
        assertThat(report.seeds()).containsExactly(42L, 42L, 42L);
        assertThat(report.outputs()).extracting(OutputDigest::name)
                .containsExactly("sum", "tokens", "text", "raw", "generated");
        assertThat(report.outputs()).allSatisfy(o -> {
            assertThat(o.identical()).isTrue();
            assertThat(o.sha256PerRun()).hasSize(3).containsOnly(o.sha256PerRun().get(0));
        });
        assertThat(report.threads().availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());

        JsonNode json = ReceiptJson.mapper().valueToTree(report);
        assertThat(json.path("outputs").get(0).path("type").asText()).isEqualTo("FLOAT32");
        assertThat(json.path("outputs").get(0).path("sha256_per_run").get(0).asText()).hasSize(64);
        assertThat(json.has("first_mismatch")).isFalse();
        assertThat(json.path("threads").path("fork_join_parallelism").asInt()).isPositive();
    }

    @Test
    void firstDifferenceNamesOutputRunIndexAndBothValues() throws Exception {
        int[] run = {0};
        DeterminismReport report = DeterminismCheck.runs(3).check(outputs -> {
            outputs.record("same", new int[] {1, 2, 3});
            float[] logits = {0.5f, 0.25f, 1f};
            if (run[0]++ == 2) {
                logits[1] = Math.nextUp(0.25f);
            }
            outputs.record("logits", logits);
        });

        assertThat(report.deterministic()).isFalse();
        OutputMismatch m = report.firstMismatch();
        assertThat(m.output()).isEqualTo("logits");
        assertThat(m.run()).isEqualTo(2);
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.expected()).isEqualTo("0.25 (bits 0x3e800000)");
        assertThat(m.actual()).isEqualTo("0.25000003 (bits 0x3e800001)");
        assertThatThrownBy(report::assertDeterministic).isInstanceOf(NondeterminismError.class)
                .hasMessageStartingWith("nondeterministic output 'logits': run 2 differs from run 0 at index 1: "
                        + "0.25 (bits 0x3e800000) vs 0.25000003 (bits 0x3e800001)");
        assertThat(report.outputs().get(0).identical()).isTrue();
        assertThat(report.outputs().get(1).identical()).isFalse();
    }

    @Test
    void signedZeroTypeAndLengthDifferencesAreDifferences() throws Exception {
        int[] run = {0};
        DeterminismReport zero = DeterminismCheck.defaults().check(o ->
                o.record("z", new float[] {run[0]++ == 0 ? 0.0f : -0.0f}));
        assertThat(zero.firstMismatch().message()).contains("index 0: 0.0 (bits 0x00000000) vs -0.0 (bits 0x80000000)");

        run[0] = 0;
        DeterminismReport type = DeterminismCheck.defaults().check(o -> {
            if (run[0]++ == 0) {
                o.record("v", new int[] {1});
            } else {
                o.record("v", new long[] {1});
            }
        });
        assertThat(type.firstMismatch().message()).contains("type INT32 vs INT64");

        run[0] = 0;
        DeterminismReport length = DeterminismCheck.defaults().check(o ->
                o.record("t", run[0]++ == 0 ? "abc" : "abcd"));
        assertThat(length.firstMismatch().index()).isEqualTo(3);
        assertThat(length.firstMismatch().message()).contains("length 3 vs 4");
    }

    @Test
    void outputsMissingInARunAreMismatches() throws Exception {
        int[] run = {0};
        DeterminismReport report = DeterminismCheck.defaults().check(o -> {
            o.record("always", new int[] {1});
            if (run[0]++ == 0) {
                o.record("sometimes", new int[] {2});
            }
        });
        assertThat(report.firstMismatch().message())
                .isEqualTo("output 'sometimes' was recorded in run 0 but not in run 1; every run must record the "
                        + "same outputs");

        run[0] = 0;
        DeterminismReport late = DeterminismCheck.defaults().check(o -> {
            o.record("always", new int[] {1});
            if (run[0]++ == 1) {
                o.record("late", new int[] {2});
            }
        });
        assertThat(late.firstMismatch().message()).startsWith("output 'late' was recorded in run 1 but not in run 0");
    }

    @Test
    void badUseIsRejected() {
        assertThatThrownBy(() -> DeterminismCheck.runs(1)).hasMessageContaining("at least 2 runs");
        assertThatThrownBy(() -> DeterminismCheck.defaults().check(o -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("determinism run 0 of 2 recorded no outputs");
        assertThatThrownBy(() -> DeterminismCheck.defaults().check(o -> {
            o.record("x", new int[] {1});
            o.record("x", new int[] {1});
        })).hasMessageContaining("output 'x' recorded twice");
        assertThatThrownBy(() -> DeterminismCheck.defaults().check(o -> o.record("bad name", "v")))
                .hasMessageContaining("must match");
        assertThatThrownBy(() -> new DeterminismRecorder().record("x", "v"))
                .hasMessageContaining("no run in progress");
    }
}
