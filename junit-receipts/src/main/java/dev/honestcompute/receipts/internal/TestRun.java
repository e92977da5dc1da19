package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.recorder.KernelObservations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one finished test that goes into its receipt, free of JUnit types.
 *
 * @param uniqueId            the test's JUnit unique id
 * @param className           the test class as run: the outermost class's binary name, then {@code $} and each
 *                            {@code @Nested} class's simple name
 * @param methodName          the test (template, factory) method's name
 * @param displayName         the test's display name
 * @param plainMethod         whether the test is a plain, non-overloaded {@code @Test} method (file named after it)
 * @param status              {@code passed}, {@code failed} or {@code aborted}
 * @param failureMessage      the failure's type and message, or {@code null}
 * @param production          whether the test claims real compute
 * @param requestedBackend    the backend the test asked for, or empty
 * @param allowFallback       whether a fallback from the requested backend is acceptable
 * @param simdWidthBits       the SIMD width the test claims, in bits, or {@code 0} for no claim
 * @param quantization        the quantization the test claims (e.g. {@code q8_0}), or empty for no claim
 * @param expectFailedKernels whether the test declared that some kernel calls may fail
 * @param policy              the verification policy
 * @param observations        what the recorder observed while the test body ran (its window's, closed), or
 *                            {@code null} when the body never ran
 * @param recorderActive      whether the recorder is active (for a receipt whose body never ran)
 * @param fixtures            verified fixtures reported by {@code @RequiresModel}
 * @param sections            evidence sections (json name to content) reported by the library's extensions
 * @param notes               free-form notes the test stated about itself
 * @param finished            when the recording window closed (the receipt's timestamp)
 */
public record TestRun(String uniqueId, String className, String methodName, String displayName, boolean plainMethod,
                      String status, String failureMessage, boolean production, String requestedBackend,
                      boolean allowFallback, int simdWidthBits, String quantization, boolean expectFailedKernels,
                      String policy, KernelObservations observations, boolean recorderActive,
                      List<FixtureUse> fixtures, Map<String, JsonNode> sections, Map<String, JsonNode> notes,
                      Instant finished) {

    /** A verified fixture the test used. */
    public record FixtureUse(String name, String sha256, long sizeBytes) {
    }

    public TestRun {
        fixtures = List.copyOf(fixtures);
        sections = Map.copyOf(sections);
        notes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
    }

    /** The same run with another status and failure message (a receipt rule failed it). */
    TestRun withStatus(String newStatus, String newFailure) {
        return new TestRun(uniqueId, className, methodName, displayName, plainMethod, newStatus, newFailure, production,
                requestedBackend, allowFallback, simdWidthBits, quantization, expectFailedKernels, policy,
                observations, recorderActive, fixtures, sections, notes, finished);
    }
}
