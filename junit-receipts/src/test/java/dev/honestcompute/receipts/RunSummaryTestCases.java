package dev.honestcompute.receipts;

import dev.honestcompute.receipts.summary.Deselection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.fail;

/** Run only inside a launcher session by {@link RunSummaryTest}; never by Surefire directly. */
final class RunSummaryTestCases {

    private RunSummaryTestCases() {
    }

    /** Skips by explicit, reported reasons: one plain skip and two deselections by rule. */
    static final class ReasonedSkips implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(org.junit.jupiter.api.extension.ExtensionContext c) {
            String name = c.getTestMethod().map(java.lang.reflect.Method::getName).orElse("");
            if (name.startsWith("needsGpu")) {
                return ConditionEvaluationResult.disabled(Deselection.reason("no-gpu", "nvidia-smi not found"));
            }
            if (name.equals("skippedOnPurpose")) {
                return ConditionEvaluationResult.disabled("waiting for issue 42");
            }
            return ConditionEvaluationResult.enabled("runs");
        }
    }

    /** Deselects a whole class by rule: its tests are never reported one by one. */
    static final class SlowTier implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(org.junit.jupiter.api.extension.ExtensionContext c) {
            return c.getTestMethod().isPresent() ? ConditionEvaluationResult.enabled("class decides")
                    : ConditionEvaluationResult.disabled(Deselection.reason("tier.slow", "-Dtier=fast selected"));
        }
    }

    @ExtendWith(SlowTier.class)
    static class SlowClass {
        @Test
        void slowOne() {
        }

        @Test
        void slowTwo() {
        }

        @Test
        void slowThree() {
        }
    }

    /** Uses fixture tiny-llama as the lockfile given by the session names it. */
    static class UsesFixture {
        @Test
        @EmitsReceipt
        @RequiresModel("tiny-llama")
        void usesTheFixture(java.nio.file.Path model) {
            TestKernels.matmul();
        }
    }

    /** The same, in a later session whose lockfile has another version of tiny-llama. */
    static class UsesTheChangedFixture {
        @Test
        @EmitsReceipt
        @RequiresModel("tiny-llama")
        void usesTheChangedFixture(java.nio.file.Path model) {
            TestKernels.matmul();
        }
    }

    /**
     * Two receipts, then the JVM halts as {@code kill -9} would: no session end, so no run summary. Halts only in the
     * JVM {@code ReceiptsCliIT} starts for it (system property {@value #HALT_PROPERTY}); anywhere else it fails.
     */
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class HaltsMidRun {
        static final String HALT_PROPERTY = "honestcompute.test.halt";

        @Test
        @EmitsReceipt
        @org.junit.jupiter.api.Order(1)
        void first() {
            TestKernels.matmul();
        }

        @Test
        @EmitsReceipt
        @org.junit.jupiter.api.Order(2)
        void second() {
            TestKernels.matmul();
        }

        @Test
        @org.junit.jupiter.api.Order(3)
        void theJvmDies() {
            if (!Boolean.getBoolean(HALT_PROPERTY)) {
                fail("HaltsMidRun halts the JVM; run it only in its own JVM with -D" + HALT_PROPERTY + "=true");
            }
            Runtime.getRuntime().halt(137);
        }
    }

    @ExtendWith(ReasonedSkips.class)
    static class MixedOutcomes {
        @org.junit.jupiter.api.BeforeEach
        void agent() {
        }

        @Test
        @EmitsReceipt
        void passesWithKernel() {
            TestKernels.matmul();
        }

        @Test
        void failsPlainly() {
            fail("expected failure for the summary count");
        }

        @Test
        void abortsPlainly() {
            throw new TestAbortedException("precondition not met here");
        }

        @Test
        void skippedOnPurpose() {
        }

        @Test
        void needsGpuOne() {
        }

        @Test
        void needsGpuTwo() {
        }
    }
}
