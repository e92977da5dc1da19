package dev.honestcompute.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <rule>} of {@code honest-compute:check}: which tests it applies to, and what each of their receipts
 * must show. Every requirement that is set must hold for every matching receipt, and at least
 * {@code minReceipts} receipts must match (so a rule whose pattern matches nothing fails instead of passing).
 *
 * <pre>{@code
 * <rule>
 *   <tests>*SimdTest</tests>            <!-- class glob; with '#': class#method glob -->
 *   <backend>cpu-simd</backend>         <!-- a kernel on this backend was observed -->
 *   <kernel>matmul_*</kernel>           <!-- a kernel whose id matches was observed -->
 *   <parityProfile>fp32</parityProfile> <!-- a parity section with this profile, passed -->
 *   <measurement>generate-*</measurement>
 *   <minUnitsPerSecond>1000</minUnitsPerSecond>
 *   <maxP50Millis>5</maxP50Millis>
 *   <maxP95Millis>20</maxP95Millis>
 * </rule>
 * }</pre>
 */
public class Rule {

    /** Glob over the test class ({@code *} any characters, {@code ?} one); with {@code #}, over class#method. */
    String tests = "*";
    /** A kernel with this backend ({@code cpu}, {@code cpu-simd}, {@code cuda}, ...) ran at least once. */
    String backend;
    /** A kernel whose id matches this glob ran at least once. */
    String kernel;
    /** The receipt's parity section used this tolerance profile and passed. */
    String parityProfile;
    /** Which performance measurements the perf limits apply to (glob over their names, default all). */
    String measurement;
    /** Each matching measurement's units per second is at least this. */
    Double minUnitsPerSecond;
    /** Each matching measurement's median latency is at most this many milliseconds. */
    Double maxP50Millis;
    /** Each matching measurement's 95th-percentile latency is at most this many milliseconds. */
    Double maxP95Millis;
    /** How many receipts must match {@code tests} (default 1). */
    int minReceipts = 1;

    /** A short label for messages: {@code rule 2 [tests=*Simd*, backend=cpu-simd]}. */
    String label(int index) {
        List<String> parts = new ArrayList<>();
        parts.add("tests=" + tests);
        add(parts, "backend", backend);
        add(parts, "kernel", kernel);
        add(parts, "parityProfile", parityProfile);
        add(parts, "measurement", measurement);
        add(parts, "minUnitsPerSecond", minUnitsPerSecond);
        add(parts, "maxP50Millis", maxP50Millis);
        add(parts, "maxP95Millis", maxP95Millis);
        if (minReceipts != 1) {
            parts.add("minReceipts=" + minReceipts);
        }
        return "rule " + index + " [" + String.join(", ", parts) + "]";
    }

    boolean hasPerfLimit() {
        return minUnitsPerSecond != null || maxP50Millis != null || maxP95Millis != null;
    }

    boolean requiresSomething() {
        return backend != null || kernel != null || parityProfile != null || hasPerfLimit() || minReceipts > 1;
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
