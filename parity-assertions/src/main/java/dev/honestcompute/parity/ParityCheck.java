package dev.honestcompute.parity;

import dev.honestcompute.parity.reference.EngineIdentity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Injected into a {@link ParityWith} test: compares the engine under test with the test's reference engine on one
 * input at a time, under the test's profile. A failed verdict throws an {@link AssertionError} naming every failed
 * metric (with its value, limit and where the damage is) and is appended, with its full input, to the failure log.
 * Every record, passed or failed, goes into the test's receipt.
 *
 * <pre>{@code
 * @ParityWith(reference = ScalarDot.class, profile = "fp32")
 * @Test
 * void simdDotMatchesScalar(ParityCheck parity) {
 *     parity.check(new ParityInput("short", new int[] {1, 2, 3}, 0), input -> EngineOutput.logits(simd(input)));
 * }
 * }</pre>
 */
public final class ParityCheck {

    private final ParityReference factory;
    private final ParityContext context;
    private final FailureLog failureLog;
    private final List<ParityRecord> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private ParityEngine reference;

    ParityCheck(ParityReference factory, ParityContext context, FailureLog failureLog) {
        this.factory = factory;
        this.context = context;
        this.failureLog = failureLog;
    }

    /** The profile every check of this test is held to. */
    public ToleranceProfile profile() {
        return context.profile();
    }

    /** Where failed records are appended. */
    public FailureLog failureLog() {
        return failureLog;
    }

    /** Every record so far, in order. */
    public synchronized List<ParityRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Runs {@code underTest} and the reference on {@code input} and returns the passed record.
     *
     * @throws AssertionError          when the verdict fails (the record is logged and in the receipt)
     * @throws ParityEngineException   when either engine throws or returns malformed output (logged too)
     */
    public synchronized ParityRecord check(ParityInput input, ParityEngine underTest) {
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(underTest, "engine under test must not be null");
        refuseSelfParity(underTest, reference());
        ParityHarness harness = new ParityHarness(underTest, reference(), context.profile(), failureLog);
        ParityRecord record;
        try {
            record = harness.check(input);
        } catch (ParityEngineException e) {
            errors.add(e.getMessage());
            throw e;
        }
        records.add(record);
        if (!record.verdict().passed()) {
            StringBuilder failed = new StringBuilder();
            for (MetricResult m : record.verdict().failures()) {
                failed.append("\n  ").append(m.describe());
            }
            throw new AssertionError("@ParityWith(profile = \"" + context.profile().name() + "\") of "
                    + context.displayName() + ": parity FAILED on input '" + input.id() + "':" + failed
                    + "\n" + record.describe() + "\n(full input appended to " + failureLog.file().toAbsolutePath()
                    + "; replay it with ParityHarness.replay)");
        }
        return record;
    }

    /**
     * {@link #check(ParityInput, ParityEngine)} with the engine under test given as a function; it is named
     * "engine under test" in the records.
     */
    public ParityRecord check(ParityInput input, Function<ParityInput, EngineOutput> underTest) {
        Objects.requireNonNull(underTest, "engine under test must not be null");
        return check(input, ParityEngine.of(new EngineIdentity("engine under test",
                "unknown (given to ParityCheck as a function)", context.displayName()), underTest));
    }

    /**
     * Before anything runs: a reference that is the engine under test (the same engine, the same implementation
     * object, an instance of the same named implementation class, or the same identity) compares the engine with
     * itself and proves nothing. A reference that merely delegates to the engine under test is caught after the run,
     * when both ran exactly the same kernels ({@code reference_independent}).
     */
    private void refuseSelfParity(ParityEngine underTest, ParityEngine ref) {
        Object a = underTest.implementation();
        Object b = ref.implementation();
        String why = null;
        if (underTest == ref || a == b) {
            why = "it is the same object";
        } else if (a != null && b != null && a.getClass() == b.getClass() && !a.getClass().isSynthetic()
                && !a.getClass().isHidden() && !a.getClass().isAnonymousClass()) {
            why = "both are instances of " + a.getClass().getName();
        } else if (underTest.identity().equals(ref.identity())) {
            why = "both have the identity " + ref.identity();
        }
        if (why != null) {
            String message = "@ParityWith(reference = " + factory.getClass().getName() + ") of " + context.displayName()
                    + ": the reference is the engine under test (" + why + "), so parity would compare the engine with "
                    + "itself; use an independent reference (another engine, or a plain reference implementation)";
            errors.add(message);
            throw new AssertionError(message);
        }
    }

    private ParityEngine reference() {
        if (reference == null) {
            ParityEngine opened;
            try {
                opened = factory.open(context);
            } catch (Exception e) {
                errors.add("opening the reference failed: " + e);
                throw new AssertionError("@ParityWith(reference = " + factory.getClass().getName() + ") of "
                        + context.displayName() + ": opening the reference engine failed: " + e, e);
            }
            if (opened == null) {
                errors.add("the reference factory returned null");
                throw new AssertionError("@ParityWith(reference = " + factory.getClass().getName() + ") of "
                        + context.displayName() + ": " + factory.getClass().getSimpleName()
                        + ".open returned null; return the reference ParityEngine");
            }
            reference = opened;
        }
        return reference;
    }

    /** True when at least one check ran and nothing failed. */
    synchronized boolean passed() {
        return errors.isEmpty() && !records.isEmpty() && records.stream().allMatch(r -> r.verdict().passed());
    }

    synchronized boolean checkedNothing() {
        return records.isEmpty() && errors.isEmpty();
    }

    /** The receipt's {@code parity} section. */
    synchronized Map<String, Object> section() {
        Map<String, Object> s = new LinkedHashMap<>();
        boolean passed = passed();
        s.put("status", passed ? "passed" : "failed");
        s.put("passed", passed);
        s.put("profile", context.profile().name());
        s.put("limits", context.profile());
        s.put("reference_factory", factory.getClass().getName());
        s.put("reference", reference == null ? null : reference.identity());
        s.put("checks", List.copyOf(records));
        s.put("errors", List.copyOf(errors));
        s.put("recorder_active", dev.honestcompute.recorder.KernelRecorder.isActive());
        // the reference's kernels apart from the engine's: they never count as the engine's evidence
        java.util.TreeSet<String> engineKernels = new java.util.TreeSet<>();
        java.util.TreeSet<String> referenceKernels = new java.util.TreeSet<>();
        for (ParityRecord r : records) {
            r.underTest().kernels().forEach(k -> engineKernels.add(k.substring(0, k.lastIndexOf(' '))));
            r.reference().kernels().forEach(k -> referenceKernels.add(k.substring(0, k.lastIndexOf(' '))));
        }
        s.put("engine_kernels", List.copyOf(engineKernels));
        s.put("reference_kernels", List.copyOf(referenceKernels));
        s.put("failure_log", failureLog.file().toString());
        return s;
    }

    /** Closes the reference engine when it was opened and is {@link AutoCloseable}. */
    synchronized void close() throws Exception {
        if (reference instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
