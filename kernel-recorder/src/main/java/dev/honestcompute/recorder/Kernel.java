package dev.honestcompute.recorder;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an engine method as a compute kernel. The recorder agent instruments every method carrying this
 * annotation; a call that returns normally is counted as an executed kernel, one that throws as a failed call.
 *
 * <p>Engine code depends on this annotation at {@code provided} scope only:
 * <pre>{@code
 * @Kernel(id = "matmul_f32_simd", backend = Backend.CPU_SIMD, requires = {"avx2"})
 * static void matmul(float[] a, float[] b, float[] out, int n) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {

    /** Stable kernel identifier written to receipts, e.g. {@code "matmul_q8_0"}. */
    String id();

    /** Backend the kernel runs on: one of {@link Backend}'s constants or any other lower-case name. */
    String backend() default Backend.CPU;

    /** Host features the kernel needs, e.g. {@code "avx2"}, {@code "avx512f"}, {@code "neon"}. */
    String[] requires() default {};
}
