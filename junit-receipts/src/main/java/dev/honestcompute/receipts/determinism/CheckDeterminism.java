package dev.honestcompute.receipts.determinism;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test body {@link #runs()} times and fails unless every output it recorded on the injected
 * {@link DeterminismRecorder} is bit-identical in every run. The failure names the first differing output, the run,
 * the element index and both values; the digests, declared seeds and thread settings go into the receipt's
 * {@code determinism} section.
 *
 * <pre>{@code
 * @EmitsReceipt
 * class ForwardTest {
 *     @Test
 *     @CheckDeterminism(runs = 3)
 *     void forwardIsDeterministic(DeterminismRecorder outputs) {
 *         outputs.seed(42);
 *         outputs.record("logits", engine.forward(tokens));
 *     }
 * }
 * }</pre>
 *
 * <p>The runs happen inside one test execution: {@code @BeforeEach}/{@code @AfterEach} run once, the test instance
 * and the injected parameters are shared, so the body must build whatever state it compares (engine, inputs) itself.
 * Runs after the first re-invoke the method directly. Every run is inside the receipt's kernel recording window
 * whatever the annotation order, and each run's kernel calls are recorded: a run that made no kernel call, or fewer
 * than half of the first run's, fails as a cached output (rule HC031).
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DeterminismExtension.class)
public @interface CheckDeterminism {

    /** How many times the body runs (at least 2). */
    int runs() default DeterminismCheck.DEFAULT_RUNS;
}
