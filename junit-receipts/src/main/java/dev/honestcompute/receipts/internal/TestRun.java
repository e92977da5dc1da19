package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.recorder.KernelObservations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one finished test that goes into its receipt, free of JUnit types.
 *
 * @param uniqueId         the test's JUnit unique id
 * @param className        the test class as run: the outermost class's binary name, then {@code $} and each
 *                         {@code @Nested} class's simple name
 * @param methodName       the test (template, factory) method's name
 * @param displayName      the test's display name
 * @param plainMethod      whether the test is a plain, non-overloaded {@code @Test} method (file named after it)
 * @param status           {@code passed}, {@code failed} or {@code aborted}
 * @param failureMessage   the failure's type and message, or {@code null}
 * @param production       whether the test claims real compute
 * @param requestedBackend the backend the test asked for, or empty
 * @param allowFallback    whether a fallback from the requested backend is acceptable
 * @param simdWidthBits    the SIMD width the test claims, in bits, or {@code 0} for no claim
 * @param quantization     the quantization the test claims (e.g. {@code q8_0}), or empty for no claim
 * @param policy           the verification policy
 * @param observations     what the recorder observed while the test body ran
 * @param fixtures         verified fixtures reported by other extensions
 * @param sections         other sections (json name to content) reported by other extensions
 * @param finished         when the recording window closed (the receipt's timestamp)
 */
public record TestRun(String uniqueId, String className, String methodName, String displayName, boolean plainMethod,
                      String status, String failureMessage, boolean production, String requestedBackend,
                      boolean allowFallback, int simdWidthBits, String quantization, String policy,
                      KernelObservations observations,
                      List<FixtureUse> fixtures, Map<String, JsonNode> sections, Instant finished) {

    /** A verified fixture the test used. */
    public record FixtureUse(String name, String sha256, long sizeBytes) {
    }

    public TestRun {
        fixtures = List.copyOf(fixtures);
        sections = Map.copyOf(sections);
    }
}
