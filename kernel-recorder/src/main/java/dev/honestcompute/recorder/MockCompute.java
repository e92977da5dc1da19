package dev.honestcompute.recorder;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test double of compute code. Calling it inside a production recording window (a test whose receipt
 * must be {@code real}) throws {@code MockComputeLeakError}; outside such windows it behaves normally.
 *
 * <pre>{@code
 * @MockCompute("returns zeros instead of running the matmul")
 * final class ZeroMatmul implements Matmul { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MockCompute {

    /** Why this double exists; shown in the leak message. */
    String value() default "";
}
