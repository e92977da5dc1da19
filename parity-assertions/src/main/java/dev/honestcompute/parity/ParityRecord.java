package dev.honestcompute.parity;

/**
 * One harness comparison: the full input, the profile it was held to, the verdict, and both engines' identities
 * and timings. A plain record: the failure log stores it as one JSON line, and {@code @ParityWith} will copy it
 * into a receipt.
 *
 * <pre>{@code
 * ParityRecord r = harness.check(input);
 * if (!r.verdict().passed()) System.out.println(r.describe());
 * }</pre>
 *
 * @param input     what both engines received
 * @param profile   the limits applied (with overrides)
 * @param verdict   every metric with value, limit and outcome
 * @param underTest the engine under test and its wall time
 * @param reference the reference engine and its wall time
 */
public record ParityRecord(ParityInput input, ToleranceProfile profile, ParityVerdict verdict, EngineRun underTest,
        EngineRun reference) {

    /** Multi-line summary naming the input, both engines with timings, and every metric. */
    public String describe() {
        return "Parity of " + underTest.engine().name() + " against " + reference.engine().name() + " on input '"
                + input.id() + "' (" + input.tokens().length + " tokens): under test " + millis(underTest.nanos())
                + ", reference " + millis(reference.nanos()) + "\n" + verdict.describe();
    }

    private static String millis(long nanos) {
        return Numbers.format(nanos / 1e6) + " ms";
    }
}
