package dev.honestcompute.receipts;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes every test it applies to emit a verified JSON receipt of the compute it really ran.
 *
 * <p>Around each test body a recording window is open (covering the work the body causes on other threads: pools,
 * parallel streams, threads it starts); afterwards the receipt is assembled from what the recorder observed (never
 * from what the test declares), verified against the active policy, and written atomically to
 * {@code <dir>/<test class>/<test method>.json} (parameterized, repeated and dynamic tests get unique, sanitized
 * names). A receipt that violates the policy fails the test with the full list of violated rules. A {@code REAL}
 * test during which no kernel was observed (for example because the recorder agent is not loaded) fails; it never
 * passes with an empty receipt.
 *
 * <p>JUnit configuration parameters: {@value #DIR_PARAMETER} (default {@code target/receipts}) and
 * {@value #POLICY_PARAMETER} (default {@code default}; {@code bitnet} and {@code bitnet-strict} are the
 * others, for BitNet.rs receipts).
 *
 * <pre>{@code
 * @EmitsReceipt(backend = Backend.CPU_SIMD)
 * class MatmulTest {
 *     @Test
 *     void multipliesOnTheVectorPath() {
 *         engine.matmul(a, b, out, 64);   // @Kernel-annotated, counted by the recorder agent
 *     }
 * }
 * }</pre>
 *
 * <p>What a test claims beyond the backend — {@link #simdWidthBits()} and {@link #quantization()} — lands in the
 * receipt's {@code claims} and is checked against the observed kernels and the host, never trusted: a claim no
 * observed kernel backs fails the test. So does a kernel whose {@code @Kernel(requires)} names a CPU feature the host
 * lacks (rule HC021).
 * <pre>{@code
 * @Test
 * @RequiresModel("tiny-llama-gguf-q8_0")
 * @EmitsReceipt(backend = "cpu", quantization = "q8_0")
 * void q8ZeroBackendRunsTheQuantizedMatmul(Path gguf) { ... }
 * }</pre>
 *
 * <p>Usable on a class, a method, or as a meta-annotation:
 * <pre>{@code
 * @Retention(RUNTIME) @Target(TYPE)
 * @EmitsReceipt(backend = "cuda", allowFallback = true)
 * @interface GpuReceipt { }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(EmitsReceiptExtension.class)
public @interface EmitsReceipt {

    /** JUnit configuration parameter naming the receipts directory; default {@code target/receipts}. */
    String DIR_PARAMETER = "honestcompute.receipts.dir";

    /** JUnit configuration parameter naming the verification policy; default {@code default}. */
    String POLICY_PARAMETER = "honestcompute.receipts.policy";

    /**
     * JUnit configuration parameter: whether the extension self-attaches the recorder agent when the test JVM was
     * started without {@code -javaagent} (default {@code true}; one warning line names the preferred argLine). Set
     * {@code false} to insist on {@code -javaagent}: a REAL receipt then fails with {@code HC016} and the argLine.
     */
    String SELF_ATTACH_PARAMETER = "honestcompute.recorder.selfAttach";

    /**
     * JUnit configuration parameter: extra kernels config files ({@code kernels.json}, several separated by the
     * path separator) that map third-party engine methods to kernel ids; loaded into the agent before the first
     * recording window, already-loaded classes are retransformed.
     */
    String KERNELS_CONFIG_PARAMETER = "honestcompute.kernels.config";

    /**
     * Whether the test runs production compute ({@link ComputePath#REAL}: mock compute reached in the body fails the
     * test, kernels must be observed) or is a declared test double run ({@link ComputePath#MOCK}).
     */
    ComputePath computePath() default ComputePath.REAL;

    /**
     * The backend the test asks the engine for, e.g. {@code "cuda"}; empty when the test does not request one.
     * The receipt's effective backend always comes from the observed kernels.
     */
    String backend() default "";

    /** Whether an engine-reported fallback from {@link #backend()} to another backend is acceptable. */
    boolean allowFallback() default false;

    /**
     * The SIMD width, in bits, the test claims its vector kernels ran at; {@code 0} (the default) claims nothing.
     * Written to {@code claims.simd_width_bits} and checked by rule HC019: a {@code cpu-simd} kernel must have run,
     * and the host must offer that width (its Vector API preferred size in {@code host.vector_api}, otherwise its
     * CPU features: 256 needs AVX/AVX2, 512 needs AVX-512F or SVE).
     * <pre>{@code
     * @EmitsReceipt(backend = Backend.CPU_SIMD, simdWidthBits = 256)
     * void matmulRunsOnAvx2Lanes() { ... }
     * }</pre>
     */
    int simdWidthBits() default 0;

    /**
     * The weight quantization the test claims its kernels computed in, e.g. {@code "q8_0"}; empty (the default)
     * claims nothing. Written to {@code claims.quantization} and checked by rule HC020: at least one kernel that ran
     * must have an id containing the claimed name (case-insensitive), so a {@code q8_0} claim over f32-only kernels —
     * a silently dequantized model — fails.
     * <pre>{@code
     * @EmitsReceipt(backend = "cpu", quantization = "q8_0")
     * void q8ZeroBackendRunsTheQuantizedMatmul(Path gguf) { ... }   // matmul_q8_0 must be observed
     * }</pre>
     */
    String quantization() default "";

    /**
     * Whether the test expects some kernel calls to fail (it tests an engine's error path, say). By default a
     * {@code real} receipt with a failed kernel call fails (rule HC028): an engine whose kernel threw mid-forward did
     * not compute what the test asserted on. The receipt shows this attribute as {@code claims.expect_failed_kernels}.
     * <pre>{@code
     * @EmitsReceipt(expectFailedKernels = true)
     * void aShapeMismatchIsReported() { assertThrows(IllegalArgumentException.class, () -> engine.matmul(a, wrong)); }
     * }</pre>
     */
    boolean expectFailedKernels() default false;

    /** Verification policy for this test; empty means the {@value #POLICY_PARAMETER} parameter (or {@code default}). */
    String policy() default "";

    /** What kind of compute a test claims to run. */
    enum ComputePath {
        /** Production compute: observed kernels required, mock compute is a leak. */
        REAL,
        /** Declared test-double compute: the receipt says {@code mock} and mock compute is allowed. */
        MOCK
    }
}
