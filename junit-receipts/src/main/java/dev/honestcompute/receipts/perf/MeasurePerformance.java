package dev.honestcompute.receipts.perf;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Measures the performance of work a test hands to an injected {@link PerfRecorder}, and adds the result to the
 * test's receipt: a BitNet-compatible {@code performance_baseline} and a fuller {@code performance} section
 * (latencies p50/p95/mean/min/max, throughput, peak heap and RSS, GC time, kernels observed during the measured part
 * only), compared with the test's baseline file when there is one.
 *
 * <pre>{@code
 * @EmitsReceipt
 * @MeasurePerformance(warmup = 3, iterations = 10, unit = "tokens")
 * class GenerateTest {
 *     @Test
 *     void generates(PerfRecorder perf) {
 *         perf.measure("generate-32", () -> engine.generate(prompt, 32).size());
 *     }
 * }
 * }</pre>
 *
 * <p>Configuration parameters (e.g. in {@code junit-platform.properties}):
 * <ul>
 *   <li>{@value PerformanceExtension#BASELINES_DIR_KEY} — the baseline directory (default
 *       {@value PerformanceExtension#DEFAULT_BASELINES_DIR}, relative to the working directory); files are written by
 *       {@code baseline update} ({@link BaselineCli})</li>
 *   <li>{@value RegressionPolicy#GATING_KEY} — {@code true} makes a regression fail the test (default: a warning in
 *       the receipt)</li>
 *   <li>{@value RegressionPolicy#FORCE_COMPARE_KEY} — {@code true} compares with a baseline from a different host</li>
 *   <li>{@value RegressionPolicy#THRESHOLD_KEY} — relative slowdown that counts as a regression (default 0.10)</li>
 * </ul>
 * A test annotated with this must take at least one measurement, or it fails. A malformed baseline file fails the
 * test with the file and field named; a missing one is noted in the receipt.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PerformanceExtension.class)
public @interface MeasurePerformance {

    /** Iterations run and discarded before measuring (JIT warmup). */
    int warmup() default 3;

    /** Iterations measured; use at least 3 so the regression check can use a confidence interval. */
    int iterations() default 10;

    /** What one unit of work is, e.g. "tokens". */
    String unit() default "items";
}
