package dev.honestcompute.receipts.perf;

/**
 * One iteration of the work being measured. Returns how many units (tokens, items) the work really produced, e.g.
 * the length of the generated token list — a count taken from the work's result, not a constant.
 *
 * <pre>{@code
 * Measurement m = perf.measure("generate-32", () -> engine.generate(prompt, 32).size());
 * }</pre>
 */
@FunctionalInterface
public interface MeasuredBody {

    /** Runs the work once and returns the number of units it produced (must be &gt; 0). */
    long run() throws Exception;
}
