package dev.honestcompute.parity;

import static dev.honestcompute.parity.ParityAssertions.assertThatVerdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.honestcompute.parity.reference.EngineIdentity;
import dev.honestcompute.parity.reference.InProcessReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java harness: both engines on the same input, verdict with identities and timings, JSONL, replay. */
class ParityHarnessTest {

    private static final ParityInput INPUT = new ParityInput("toy", new int[] {5, 17, 3, 42, 8, 1}, 0);

    @TempDir
    Path dir;

    private static final ParityEngine REFERENCE = ParityEngine.of(InProcessReference.ofLogits(
            new EngineIdentity("toy-reference", "1", "float64 toy"), ToyLogits::of));

    private static ParityEngine engine(String name, UnaryOperator<float[][]> damage) {
        return ParityEngine.of(new EngineIdentity(name, "1", "test engine"),
                in -> EngineOutput.logits(damage.apply(ToyLogits.of(in.tokens()))));
    }

    @Test
    void identicalEnginePassesAndRecordsBothIdentitiesAndTimings() {
        FailureLog log = new FailureLog(dir.resolve("failures.jsonl"));
        ParityHarness harness = new ParityHarness(engine("same", l -> l), REFERENCE, ToleranceProfile.FP32, log);
        ParityRecord r = harness.check(INPUT);
        assertThatVerdict(r.verdict()).hasPassed();
        assertThat(r.verdict().metrics()).extracting(MetricResult::metric)
                .containsExactly("non_finite_mismatches", "mismatch_ratio", "delta_nll", "perplexity_actual",
                        "perplexity_reference");
        assertThat(r.verdict().metrics().get(2).outcome()).isEqualTo(MetricResult.Outcome.INFORMATIONAL);
        assertThat(r.verdict().metrics().get(2).value()).isZero();
        assertThat(r.underTest().engine().name()).isEqualTo("same");
        assertThat(r.reference().engine().name()).isEqualTo("toy-reference");
        assertThat(r.underTest().nanos()).isPositive();
        assertThat(r.reference().nanos()).isPositive();
        assertThat(r.input()).isEqualTo(INPUT);
        assertThat(Files.exists(log.file())).as("a pass is not logged").isFalse();
    }

    @Test
    void oneValueOffByALittleFailsAndPointsAtIt() {
        ParityHarness harness = new ParityHarness(engine("off-by-a-little", l -> {
            l[3][40] += 1e-3f;
            return l;
        }), REFERENCE, ToleranceProfile.FP32, null);
        ParityRecord r = harness.check(INPUT);
        assertThat(r.verdict().passed()).isFalse();
        assertThat(r.verdict().failures()).singleElement().satisfies(m -> {
            assertThat(m.metric()).isEqualTo("mismatch_ratio");
            assertThat(m.detail()).startsWith("1 / 582 outside").contains("at index [3, 40]");
        });
        assertThat(r.describe()).contains("off-by-a-little against toy-reference on input 'toy'");
    }

    @Test
    void zerosForPartOfTheOutputFailEveryGateThatSeesThem() {
        ParityHarness harness = new ParityHarness(engine("half-zeros", l -> {
            java.util.Arrays.fill(l[4], 0f);
            java.util.Arrays.fill(l[5], 0f);
            return l;
        }), REFERENCE, ToleranceProfile.QUANTIZED_VS_FP32.withGreedyIdentical(true), null);
        ParityRecord r = harness.check(INPUT);
        assertThat(r.verdict().failures()).extracting(MetricResult::metric)
                .contains("cosine", "kendall_tau_b", "argmax_agreement");
        MetricResult tau = r.verdict().metrics().stream().filter(m -> m.metric().equals("kendall_tau_b")).findFirst()
                .orElseThrow();
        assertThat(tau.value()).isNaN(); // a constant (all-zero) row has no ranking: NaN fails any limit
        assertThat(tau.detail()).contains("at position 4");
        MetricResult argmax = r.verdict().metrics().stream().filter(m -> m.metric().equals("argmax_agreement"))
                .findFirst().orElseThrow();
        assertThat(argmax.detail()).startsWith("first disagreement at position 4");
    }

    @Test
    void failuresAreLoggedWithFullInputAndReplayedByRow() {
        FailureLog log = new FailureLog(dir.resolve("nested/failures.jsonl"));
        ParityHarness harness = new ParityHarness(engine("bad", l -> {
            l[0][0] = Float.NaN;
            return l;
        }), REFERENCE, ToleranceProfile.FP16.withAtol(1e-3), log);
        ParityInput second = new ParityInput("second", new int[] {9, 9}, 0);
        harness.checkAll(List.of(INPUT, second));
        List<ParityRecord> rows = log.read();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).input()).isEqualTo(second);
        assertThat(rows.get(1).profile()).isEqualTo(ToleranceProfile.FP16.withAtol(1e-3));
        assertThat(rows.get(1).underTest().engine().name()).isEqualTo("bad");
        assertThat(rows.get(1).verdict().failures()).extracting(MetricResult::metric).contains("non_finite_mismatches");
        assertThat(log.row(2).input().tokens()).containsExactly(9, 9);

        // replay row 2 with a fixed engine under the recorded (overridden) profile: it passes now
        ParityHarness fixed = new ParityHarness(engine("fixed", l -> l), REFERENCE, ToleranceProfile.FP32, null);
        ParityRecord replayed = fixed.replay(log, 2);
        assertThat(replayed.input()).isEqualTo(second);
        assertThat(replayed.profile().name()).isEqualTo("fp16 (overridden: atol)");
        assertThatVerdict(replayed.verdict()).hasPassed();
        assertThat(harness.replay(log, 1).verdict().passed()).isFalse();
        assertThat(log.read()).as("replays are not appended").hasSize(2);
        assertThatThrownBy(() -> log.row(3)).hasMessageContaining("has 2 rows, so row 3 does not exist");
    }

    @Test
    void corruptLogLineIsAClearError() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"input\": 3}\n");
        assertThatThrownBy(() -> new FailureLog(file).read())
                .hasMessageContaining("bad.jsonl line 1 is not a parity record");
    }

    @Test
    void comparingNothingFailsInsteadOfPassing() {
        ParityEngine blind = ParityEngine.of(new EngineIdentity("blind", "1", ""), in -> new EngineOutput(null, null));
        ParityRecord r = new ParityHarness(blind, REFERENCE, ToleranceProfile.FP32, null).check(INPUT);
        assertThat(r.verdict().passed()).isFalse();
        assertThat(r.verdict().metrics()).extracting(MetricResult::metric).containsExactly("logits", "compared_nothing");
        assertThat(r.verdict().metrics().get(0).detail()).isEqualTo("the engine under test gave no logits");
    }

    @Test
    void engineErrorsAreLoggedAndRethrownNamingEngineAndInput() {
        FailureLog log = new FailureLog(dir.resolve("errors.jsonl"));
        ParityEngine broken = ParityEngine.of(new EngineIdentity("broken", "1", ""), in -> {
            throw new IllegalStateException("kernel exploded");
        });
        ParityHarness harness = new ParityHarness(broken, REFERENCE, ToleranceProfile.FP32, log);
        assertThatThrownBy(() -> harness.check(INPUT))
                .isInstanceOf(ParityEngineException.class)
                .hasMessageContaining("engine under test broken threw java.lang.IllegalStateException: kernel exploded "
                        + "on input 'toy'")
                .hasMessageContaining("input logged to");
        assertThat(log.row(1).verdict().failures()).extracting(MetricResult::metric).containsExactly("engine_error");

        ParityEngine shortOutput = ParityEngine.of(new EngineIdentity("short", "1", ""),
                in -> EngineOutput.logits(new float[1][ToyLogits.VOCAB]));
        assertThatThrownBy(() -> new ParityHarness(shortOutput, REFERENCE, ToleranceProfile.FP32, null).check(INPUT))
                .hasMessageContaining("returned 1 logits rows for 6 input tokens");
    }

    @Test
    void generatedTokensAreComparedWhenAsked() {
        ParityInput generate = new ParityInput("gen", new int[] {1, 2}, 3);
        ParityEngine a = ParityEngine.of(new EngineIdentity("a", "1", ""),
                in -> new EngineOutput(ToyLogits.of(in.tokens()), new int[] {4, 5, 6}));
        ParityEngine b = ParityEngine.of(new EngineIdentity("b", "1", ""),
                in -> new EngineOutput(ToyLogits.of(in.tokens()), new int[] {4, 7, 6}));
        ParityRecord r = new ParityHarness(a, b, ToleranceProfile.FP32, null).check(generate);
        assertThat(r.verdict().failures()).singleElement().satisfies(m -> {
            assertThat(m.metric()).isEqualTo("greedy_identical");
            assertThat(m.detail()).isEqualTo("first divergence at position 1: actual token 5, reference token 7");
        });
        // a reference that cannot generate ids: not applicable, never passed
        ParityRecord partial = new ParityHarness(a, REFERENCE, ToleranceProfile.FP32, null).check(generate);
        assertThat(partial.verdict().metrics()).filteredOn(m -> m.metric().equals("greedy_identical"))
                .singleElement().satisfies(m -> {
                    assertThat(m.outcome()).isEqualTo(MetricResult.Outcome.NOT_APPLICABLE);
                    assertThat(m.detail()).isEqualTo("the reference gave no generated token ids");
                });
    }
}
