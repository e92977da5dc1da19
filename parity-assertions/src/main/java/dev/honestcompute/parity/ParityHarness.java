package dev.honestcompute.parity;

import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;

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
        Timed actual = run(underTest, input, "engine under test", false);
        Timed ref = run(reference, input, "reference engine", true);
        ParityVerdict verdict;
        RuntimeException error = actual.error != null ? actual.error : ref.error;
        if (error != null) {
            verdict = new ParityVerdict(limits.name(), List.of(new MetricResult("engine_error", Double.NaN, null, null,
                    MetricResult.Outcome.FAILED, error.getMessage())));
        } else {
            verdict = withKernelEvidence(evaluate(limits, input, actual.output, ref.output), actual, ref);
        }
        ParityRecord record = new ParityRecord(input, limits, verdict,
                new EngineRun(underTest.identity(), actual.nanos, actual.kernelCalls, actual.kernels),
                new EngineRun(reference.identity(), ref.nanos, ref.kernelCalls, ref.kernels));
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

    /**
     * With the recorder active, the engine under test must have run kernels of its own (an engine that replays a table
     * of reference outputs runs none), and the reference must not have run exactly the engine's kernels (a reference
     * that delegates to the engine under test).
     */
    private static ParityVerdict withKernelEvidence(ParityVerdict verdict, Timed actual, Timed ref) {
        if (actual.kernelCalls < 0) {
            return verdict;
        }
        List<MetricResult> metrics = new ArrayList<>(verdict.metrics());
        metrics.add(new MetricResult("engine_kernel_calls", actual.kernelCalls, ">", 0.0,
                actual.kernelCalls > 0 ? MetricResult.Outcome.PASSED : MetricResult.Outcome.FAILED,
                actual.kernelCalls > 0 ? String.join(", ", actual.kernels)
                        : "the engine under test ran no kernel while producing its output: a replayed or cached output"
                        + " cannot pass parity"));
        boolean same = actual.kernelCalls > 0 && actual.kernels.equals(ref.kernels);
        metrics.add(new MetricResult("reference_independent", same ? 0 : 1, "==", 1.0,
                same ? MetricResult.Outcome.FAILED : MetricResult.Outcome.PASSED,
                same ? "the reference ran exactly the kernels of the engine under test (" + String.join(", ",
                        ref.kernels) + "): it delegates to it, so the comparison proves nothing; use an independent "
                        + "reference" : ""));
        return new ParityVerdict(verdict.profile(), metrics);
    }

    private static String missing(boolean actual, boolean reference, String what) {
        return (actual && reference ? "neither engine gave " : actual ? "the engine under test gave no "
                : "the reference gave no ") + what;
    }

    /**
     * Runs one engine in a recording window of its own: the engine under test's nested in the test's (its kernels are
     * the test's evidence), the reference's a {@linkplain KernelRecorder.WindowBuilder#reference() reference window}
     * (its kernels never count as the engine's).
     */
    private static Timed run(ParityEngine engine, ParityInput input, String role, boolean isReference) {
        KernelRecorder.WindowBuilder builder = KernelRecorder.window("parity:" + role + ":" + input.id());
        KernelWindow window = (isReference ? builder.reference() : builder).open();
        long start = System.nanoTime();
        Timed timed;
        try {
            EngineOutput out = engine.run(input);
            long nanos = System.nanoTime() - start;
            if (out == null) {
                timed = Timed.failed(role, engine, input, "returned null instead of an EngineOutput", null, nanos);
            } else if (out.logits() != null && out.logits().length != input.tokens().length) {
                timed = Timed.failed(role, engine, input, "returned " + out.logits().length + " logits rows for "
                        + input.tokens().length + " input tokens (expected one row per token)", null, nanos);
            } else {
                timed = new Timed(out, nanos, null);
            }
        } catch (Exception e) {
            timed = Timed.failed(role, engine, input, "threw " + e, e, System.nanoTime() - start);
        } finally {
            window.close();
        }
        KernelObservations seen = window.observations();
        if (seen.recorderActive()) {
            // kernels, and the engine entry points the recorder's probes saw run (an ONNX Runtime session's nodes
            // come from its profile, read when the test's window closes; OrtSession.run ran here)
            timed.kernelCalls = seen.totalCalls() + seen.totalEngineCalls();
            List<String> kernels = new ArrayList<>();
            for (KernelStats k : seen.kernels()) {
                kernels.add(k.id() + " " + k.backend() + " " + k.calls());
            }
            seen.engineCalls().forEach((method, calls) -> kernels.add(method + " (engine call) " + calls));
            timed.kernels = List.copyOf(kernels);
        }
        return timed;
    }

    private static final class Timed {
        final EngineOutput output;
        final long nanos;
        final RuntimeException error;
        long kernelCalls = -1;
        List<String> kernels = List.of();

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
