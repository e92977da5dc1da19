package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests whose engine needs the Vector API, run by {@link MissingVectorApiTest} inside EngineTestKit in this module's
 * test JVM, which has no {@code --add-modules jdk.incubator.vector}: every failure below is real.
 */
final class MissingVectorApiTestCases {

    private MissingVectorApiTestCases() {
    }

    static final float[] A = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** The engine's SIMD kernel is called from the test body. */
    static class SimdKernelInTheBody {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void dotProduct() {
            VectorDot.dot(A, A);
        }
    }

    /** The engine is built in {@code @BeforeEach}: the lifecycle method fails, and is explained as well. */
    static class SimdEngineBuiltBeforeEach {
        float warm;

        @BeforeEach
        void buildEngine() {
            warm = VectorDot.dot(A, A);
        }

        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void usesTheEngine() {
            TestKernels.matmulSimd();
        }
    }

    /** An engine that picks its backend by name and wraps the failure in its own exception. */
    static class EngineWrapsTheFailure {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void loadsItsSimdBackendByName() {
            try {
                Class.forName("jdk.incubator.vector.FloatVector");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("SIMD backend unavailable", e);
            }
        }
    }

    /** A missing class that is not the Vector API: its failure stays as it is. */
    static class AnotherClassIsMissing {
        @Test
        @EmitsReceipt
        void loadsAMissingPlugin() throws ClassNotFoundException {
            Class.forName("com.acme.engine.MissingPlugin");
        }
    }

    /** The engine noticed the missing module and silently took its scalar path: the cpu-simd claim fails (HC018). */
    static class ScalarPathTaken {
        @Test
        @EmitsReceipt(backend = Backend.CPU_SIMD)
        void claimsSimdRunsScalar() {
            TestKernels.matmul();
        }
    }
}
