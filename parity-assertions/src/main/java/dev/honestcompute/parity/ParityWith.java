package dev.honestcompute.parity;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test compares its engine with a reference engine under a {@link ToleranceProfile}. The test receives a
 * {@link ParityCheck}; every {@link ParityCheck#check} runs both engines through the {@link ParityHarness}, throws
 * an {@link AssertionError} naming the failed metrics when the verdict fails (and appends the record, with its full
 * input, to the failure log), and the test's receipt gets a {@code parity} section with every verdict, both
 * engines' identities and timings, {@code passed} and {@code status}.
 *
 * <pre>{@code
 * public static final class Scalar implements ParityReference {
 *     public ParityEngine open(ParityContext ctx) {
 *         return ParityEngine.of(new EngineIdentity("scalar", "1", "reference"), in -> scalar.run(in));
 *     }
 * }
 *
 * @Test
 * @EmitsReceipt
 * @ParityWith(reference = Scalar.class, profile = "fp32")
 * void simdMatchesScalar(ParityCheck parity) {
 *     parity.check(new ParityInput("fox", new int[] {1, 2, 3}, 0), simdEngine);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>A test with {@code @ParityWith} that never calls {@code check} fails: a parity test that compared nothing
 *   is not a pass.</li>
 *   <li>An unknown profile fails the test with the valid profile names.</li>
 *   <li>A reference that {@linkplain ParityReference#needsDocker() needs Docker}: with configuration parameter (or
 *   system property) {@code honestcompute.parity.container=skip} the test is deselected by the reported rule
 *   {@value #CONTAINER_RULE}; without Docker otherwise it <b>fails</b> with the reason. It is never skipped
 *   silently.</li>
 *   <li>The failure log is the configuration parameter {@value #FAILURES_PARAMETER} (default
 *   {@value #DEFAULT_FAILURES}).</li>
 * </ul>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ParityWithExtension.class)
public @interface ParityWith {

    /** Configuration parameter: the JSON Lines file failed parity records are appended to. */
    String FAILURES_PARAMETER = "honestcompute.parity.failures";
    /** Default of {@link #FAILURES_PARAMETER}. */
    String DEFAULT_FAILURES = "target/receipts/parity-failures.jsonl";
    /** Configuration parameter (also read as a system property): {@code run} or {@code skip} container parity. */
    String CONTAINER_PARAMETER = "honestcompute.parity.container";
    /** The rule id of a deselection because container parity is not selected for this run. */
    String CONTAINER_RULE = "parity-container";

    /** The reference factory; a public class with a public no-arg constructor. */
    Class<? extends ParityReference> reference();

    /** A built-in {@link ToleranceProfile} name, e.g. {@code "fp32"} or {@code "quantized-vs-fp32"}. */
    String profile();
}
