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

    /**
     * CPU features the kernel cannot run without, named as Linux {@code /proc/cpuinfo} does: {@code "avx2"},
     * {@code "fma"}, {@code "avx512f"}, {@code "neon"}. They travel with every observation of the kernel to the
     * receipt's {@code kernel_stats[].requires}, and the verifier (rule HC021) fails a receipt whose host lacks one:
     * a kernel that needs AVX-512 cannot have run on a host without it. Declare only what is true: a Vector API kernel
     * on {@code SPECIES_PREFERRED} adapts to the host and needs nothing; a native AVX2 GEMM needs {@code "avx2"}.
     */
    String[] requires() default {};

    /**
     * How the recorder reads success of a call. For FFM/JNI launch wrappers that return a status code, use
     * {@link Success#RETURNED_ZERO}: the call counts as executed only when it returned {@code 0} without throwing.
     * <pre>{@code
     * @Kernel(id = "my_gemm", backend = Backend.CUDA, success = Kernel.Success.RETURNED_ZERO)
     * static int launchGemm(MemorySegment a, MemorySegment b, MemorySegment c) { return (int) LAUNCH.invokeExact(a, b, c); }
     * }</pre>
     */
    Success success() default Success.RETURNED;

    /** How success of a kernel call is read. */
    enum Success {
        /** The call returned normally (did not throw). */
        RETURNED,
        /** The method returns an {@code int} status; the call succeeded when it returned 0 and did not throw. */
        RETURNED_ZERO
    }
}
