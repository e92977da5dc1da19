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

    /** Uses fixture tiny-llama in another version than {@code EmitsReceiptTestCases.SectionsCase} does. */
    static class ChangedFixture {
        @org.junit.jupiter.api.extension.RegisterExtension
        static final org.junit.jupiter.api.extension.BeforeEachCallback FIXTURE = context ->
                ReceiptSections.of(context).addFixture("tiny-llama", "bb".repeat(32), 1234);

        @org.junit.jupiter.api.BeforeEach
        void agent() {
            SimulatedKernels.agentInstalled();
        }

        @Test
        @EmitsReceipt
        void usesTheChangedFixture() {
            SimulatedKernels.matmul();
        }
    }

    @ExtendWith(ReasonedSkips.class)
    static class MixedOutcomes {
        @org.junit.jupiter.api.BeforeEach
        void agent() {
            SimulatedKernels.agentInstalled();
        }

        @Test
        @EmitsReceipt
        void passesWithKernel() {
            SimulatedKernels.matmul();
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
