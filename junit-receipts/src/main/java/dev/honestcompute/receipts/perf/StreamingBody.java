package dev.honestcompute.receipts.perf;

/**
 * One iteration of streaming work (e.g. token generation) that reports each produced unit to a {@link UnitSink} the
 * moment it exists. The recorder timestamps each call, which yields first-token latency and the unit count without the
 * test writing any number.
 *
 * <pre>{@code
 * Measurement m = perf.measureStream("generate-32", sink -> engine.generate(prompt, 32, token -> sink.unit()));
 * }</pre>
 */
@FunctionalInterface
public interface StreamingBody {

    /** Runs the work once, calling {@code sink.unit()} once per produced unit. */
    void run(UnitSink sink) throws Exception;
}
