package dev.honestcompute.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The plain-Java core of parity testing (no JUnit): feeds the same {@link ParityInput} to the engine under test
 * and to the reference, holds both outputs to a {@link ToleranceProfile}, and returns a {@link ParityRecord} with
 * the verdict and both engines' identities and timings. Failed records, with their full input, are appended to
 * a {@link FailureLog} when one is given; {@link #replay} runs a logged row again.
 *
 * <pre>{@code
 * ParityHarness harness = new ParityHarness(underTest, ParityEngine.of(llamaCpp),
 *         ToleranceProfile.QUANTIZED_VS_FP32, new FailureLog(Path.of("target/parity/failures.jsonl")));
 * ParityRecord r = harness.check(new ParityInput("fox", prompt, 0));
 * assertThatVerdict(r.verdict()).hasPassed();
 * ParityRecord again = harness.replay(harness.failureLog(), 1);
 * }</pre>
 *
 * <p>What is compared: per-position logits when both engines give them ({@link ParityEvaluator#positions}),
 * generated tokens when the input asks for them and both give them ({@link ParityEvaluator#tokens}). A part only
 * one engine gives is NOT_APPLICABLE, and a check in which nothing at all could be compared fails
 * ({@code compared_nothing}): a comparison that cannot fail is not a pass. An engine that throws or returns logits
 * of the wrong shape fails the record ({@code engine_error}), which is logged and then rethrown as
 * {@link ParityEngineException}.
 */
public final class ParityHarness {

    private final ParityEngine underTest;
    private final ParityEngine reference;
    private final ToleranceProfile profile;
    private final FailureLog failureLog;

    /** @param failureLog where failed records go; null keeps no log */
    public ParityHarness(ParityEngine underTest, ParityEngine reference, ToleranceProfile profile,
            FailureLog failureLog) {
        this.underTest = Objects.requireNonNull(underTest, "engine under test must not be null");
        this.reference = Objects.requireNonNull(reference, "reference engine must not be null");
        this.profile = Objects.requireNonNull(profile, "profile must not be null; use e.g. ToleranceProfile.FP32");
        this.failureLog = failureLog;
    }

    public ToleranceProfile profile() {
        return profile;
    }

    /** The failure log, or null. */
    public FailureLog failureLog() {
        return failureLog;
    }

    /** Runs both engines on {@code input} under this harness's profile. */
    public ParityRecord check(ParityInput input) {
        return check(input, profile, true);
    }

    /** {@link #check} for each input, in order. */
    public List<ParityRecord> checkAll(List<ParityInput> inputs) {
        List<ParityRecord> out = new ArrayList<>();
        for (ParityInput in : inputs) {
            out.add(check(in));
        }
        return out;
    }

    /**
     * Runs row {@code row} (1-based) of {@code log} again, with the input and the profile recorded there (not this
     * harness's profile), and returns the new record. The replay is not appended to the log.
     */
    public ParityRecord replay(FailureLog log, int row) {
        Objects.requireNonNull(log, "failure log must not be null");
        ParityRecord recorded = log.row(row);
        return check(recorded.input(), recorded.profile(), false);
    }

    private ParityRecord check(ParityInput input, ToleranceProfile limits, boolean log) {
        Objects.requireNonNull(input, "input must not be null");
        Timed actual = run(underTest, input, "engine under test");
        Timed ref = run(reference, input, "reference engine");
        ParityVerdict verdict;
        RuntimeException error = actual.error != null ? actual.error : ref.error;
        if (error != null) {
            verdict = new ParityVerdict(limits.name(), List.of(new MetricResult("engine_error", Double.NaN, null, null,
                    MetricResult.Outcome.FAILED, error.getMessage())));
        } else {
            verdict = evaluate(limits, input, actual.output, ref.output);
        }
        ParityRecord record = new ParityRecord(input, limits, verdict,
                new EngineRun(underTest.identity(), actual.nanos), new EngineRun(reference.identity(), ref.nanos));
        if (log && failureLog != null && !verdict.passed()) {
            failureLog.append(record);
        }
        if (error != null) {
            throw new ParityEngineException(error.getMessage()
                    + (log && failureLog != null ? " (input logged to " + failureLog.file() + ")" : ""), error.getCause());
        }
        return record;
    }

    /** Every applicable gate of {@code limits} on two engines' outputs for {@code input}. */
    static ParityVerdict evaluate(ToleranceProfile limits, ParityInput input, EngineOutput actual,
            EngineOutput reference) {
        List<MetricResult> metrics = new ArrayList<>();
        if (actual.logits() != null && reference.logits() != null) {
            metrics.addAll(ParityEvaluator.positions(limits, actual.logits(), reference.logits(), input.tokens())
                    .metrics());
        } else {
            metrics.add(new MetricResult("logits", Double.NaN, null, null, MetricResult.Outcome.NOT_APPLICABLE,
                    missing(actual.logits() == null, reference.logits() == null, "logits")));
        }
        if (input.maxNewTokens() > 0) {
            if (actual.generatedTokens() != null && reference.generatedTokens() != null) {
                metrics.addAll(ParityEvaluator.tokens(limits.withGreedyIdentical(true), actual.generatedTokens(),
                        reference.generatedTokens()).metrics());
            } else {
                metrics.add(new MetricResult("greedy_identical", Double.NaN, "==", 1.0,
                        MetricResult.Outcome.NOT_APPLICABLE, missing(actual.generatedTokens() == null,
                                reference.generatedTokens() == null, "generated token ids")));
            }
        }
        boolean comparedSomething = metrics.stream().anyMatch(m -> m.outcome() == MetricResult.Outcome.PASSED
                || m.outcome() == MetricResult.Outcome.FAILED);
        if (!comparedSomething) {
            metrics.add(new MetricResult("compared_nothing", Double.NaN, null, null, MetricResult.Outcome.FAILED,
                    "no gate of profile " + limits.name() + " could be evaluated on these outputs"));
        }
        return new ParityVerdict(limits.name(), metrics);
    }

    private static String missing(boolean actual, boolean reference, String what) {
        return (actual && reference ? "neither engine gave " : actual ? "the engine under test gave no "
                : "the reference gave no ") + what;
    }

    private static Timed run(ParityEngine engine, ParityInput input, String role) {
        long start = System.nanoTime();
        try {
            EngineOutput out = engine.run(input);
            long nanos = System.nanoTime() - start;
            if (out == null) {
                return Timed.failed(role, engine, input, "returned null instead of an EngineOutput", null, nanos);
            }
            if (out.logits() != null && out.logits().length != input.tokens().length) {
                return Timed.failed(role, engine, input, "returned " + out.logits().length + " logits rows for "
                        + input.tokens().length + " input tokens (expected one row per token)", null, nanos);
            }
            return new Timed(out, nanos, null);
        } catch (Exception e) {
            return Timed.failed(role, engine, input, "threw " + e, e, System.nanoTime() - start);
        }
    }

    private static final class Timed {
        final EngineOutput output;
        final long nanos;
        final RuntimeException error;

        Timed(EngineOutput output, long nanos, RuntimeException error) {
            this.output = output;
            this.nanos = nanos;
            this.error = error;
        }

        static Timed failed(String role, ParityEngine engine, ParityInput input, String what, Exception cause,
                long nanos) {
            String name;
            try {
                name = engine.identity().name();
            } catch (RuntimeException e) {
                name = engine.getClass().getName();
            }
            return new Timed(null, nanos, new ParityEngineException(role + " " + name + " " + what + " on input '"
                    + input.id() + "'", cause));
        }
    }
}
