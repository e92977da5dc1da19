package dev.honestcompute.recorder.evidence.jlama;

import dev.honestcompute.recorder.Backend;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test requires Jlama to run on this tensor-operations provider. Jlama picks its provider once per JVM (native
 * SIMD from {@code jlama-native}, else the Panama Vector API, else naive Java) and only logs a warning when it falls
 * back; with this annotation a recording window whose Jlama chose another provider gets a fallback
 * ({@code JLAMA_NATIVE_SIMD_NOT_CHOSEN}, ...), which fails the receipt unless the test allows fallbacks. Put the
 * backend the provider runs on in {@code @EmitsReceipt(backend = ...)} too, so the fallback is the one the test asked
 * for.
 *
 * <pre>{@code
 * @Test
 * @EmitsReceipt(backend = "cpu-simd")
 * @RequiresJlamaProvider(RequiresJlamaProvider.Provider.NATIVE_SIMD)
 * void generatesOnTheNativeGemms() { model.generate(...); }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface RequiresJlamaProvider {

    /** The provider the test requires. */
    Provider value();

    /** Jlama's tensor-operations providers (com.github.tjake.jlama.tensor.operations). */
    enum Provider {
        /** {@code NativeSimdTensorOperations}: C kernels of {@code jlama-native} (AVX2/NEON GEMMs) through FFM. */
        NATIVE_SIMD("NativeSimdTensorOperations", Backend.CPU_SIMD),
        /** {@code PanamaTensorOperations}: the Java Vector API. */
        PANAMA("PanamaTensorOperations", Backend.CPU_SIMD),
        /** {@code NaiveTensorOperations}: scalar Java. */
        NAIVE("NaiveTensorOperations", Backend.CPU);

        private final String className;
        private final String backend;

        Provider(String className, String backend) {
            this.className = className;
            this.backend = backend;
        }

        /** The provider's simple class name in Jlama. */
        public String className() {
            return className;
        }

        /** The backend its kernels run on, in the receipts' names. */
        public String backend() {
            return backend;
        }

        /** The provider whose class has this simple name, or null for a provider this version does not know. */
        static Provider ofClass(String simpleName) {
            for (Provider p : values()) {
                if (p.className.equals(simpleName)) {
                    return p;
                }
            }
            return null;
        }
    }
}
