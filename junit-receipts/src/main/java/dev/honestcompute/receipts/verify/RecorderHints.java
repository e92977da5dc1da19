package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.internal.MissingVectorApi;
import dev.honestcompute.recorder.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a receipt observed no (or not the claimed) kernels, as far as the receipt itself records it: the test JVM had no
 * Vector API module while {@code cpu-simd} was claimed ({@code host.vector_api.present = false}), the agent skipped
 * {@code @Kernel} methods ({@code recorder.skipped_kernels}), or kernels-config entries matched nothing
 * ({@code recorder.unmatched_config}). HC005 and HC018 add these to their message and remedy, so the user reads the
 * cause, not a generic "instrument your kernels".
 */
final class RecorderHints {

    /** How to add {@code --add-modules jdk.incubator.vector}: the same words as the test failure's. */
    static final String VECTOR_REMEDY = MissingVectorApi.HOW_TO_ADD;

    /** Lines of each list quoted in a message; the receipt holds the rest. */
    static final int QUOTED_LINES = 5;
    /** Characters of one quoted line. */
    static final int MAX_LINE_CHARS = 400;

    private RecorderHints() {
    }

    /** Whether the test claims {@code cpu-simd} and the host record says the Vector API module was not there. */
    static boolean vectorApiMissingForSimdClaim(Subject s) {
        JsonNode claim = s.claim(ReceiptFields.BACKEND);
        if (!claim.isTextual() || !Backend.CPU_SIMD.equals(claim.textValue().toLowerCase(Locale.ROOT))) {
            return false;
        }
        JsonNode present = s.get(ReceiptFields.HOST).path(ClaimChecks.HOST_VECTOR_API).path("present");
        return present.isBoolean() && !present.booleanValue();
    }

    /** The sentence HC018 and HC005 add when {@link #vectorApiMissingForSimdClaim}. */
    static String vectorApiSentence() {
        return "; the test JVM had no Vector API module (host.vector_api.present = false), so cpu-simd kernels that "
                + "use jdk.incubator.vector cannot have run (the engine failed to load them or took its scalar path)";
    }

    /** The kernel lines the agent skipped, as recorded; empty when none (or an older receipt). */
    static List<String> skippedKernels(Subject s) {
        return strings(s.get(ReceiptFields.RECORDER).path(ReceiptFields.SKIPPED_KERNELS));
    }

    /** The kernels-config entries that matched nothing, as recorded; empty when none. */
    static List<String> unmatchedConfig(Subject s) {
        return strings(s.get(ReceiptFields.RECORDER).path(ReceiptFields.UNMATCHED_CONFIG));
    }

    /** HC005's message for an empty {@code kernels}, naming every recorded cause. */
    static String emptyKernelsMessage(Subject s) {
        StringBuilder m = new StringBuilder("kernels is empty: no kernel was observed, so this receipt proves no "
                + "compute ran");
        List<String> skipped = skippedKernels(s);
        if (!skipped.isEmpty()) {
            m.append("; the recorder agent of this test JVM did not instrument ").append(skipped.size())
                    .append(" kernel(s) (recorder.skipped_kernels): ").append(quote(skipped));
        }
        List<String> unmatched = unmatchedConfig(s);
        if (!unmatched.isEmpty()) {
            m.append("; ").append(unmatched.size()).append(" kernels-config entr").append(unmatched.size() == 1
                    ? "y" : "ies").append(" matched no class loaded in this test JVM (recorder.unmatched_config): ")
                    .append(quote(unmatched));
        }
        if (vectorApiMissingForSimdClaim(s)) {
            m.append(vectorApiSentence());
        }
        return m.toString();
    }

    /** HC005's remedy: the specific fixes first, then the rule's general one. */
    static String emptyKernelsRemedy(Subject s, String general) {
        List<String> fixes = new ArrayList<>();
        if (vectorApiMissingForSimdClaim(s)) {
            fixes.add(VECTOR_REMEDY);
        }
        if (!skippedKernels(s).isEmpty()) {
            fixes.add("move each @Kernel named in recorder.skipped_kernels to a method with a Java body (the "
                    + "implementations of an abstract method, the Java wrapper of a native one)");
        }
        if (!unmatchedConfig(s).isEmpty()) {
            fixes.add("fix the kernels-config entries named in recorder.unmatched_config (the class's binary name, $ "
                    + "for nested classes, the method names, parameterCount or descriptor)");
        }
        fixes.add(general);
        return String.join("; ", fixes);
    }

    private static String quote(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines.size(), QUOTED_LINES); i++) {
            String line = lines.get(i);
            // a receipt is input: a line is quoted up to a bound, the receipt keeps it whole
            sb.append(i == 0 ? "" : " | ").append(line.length() <= MAX_LINE_CHARS ? line
                    : line.substring(0, MAX_LINE_CHARS) + "…");
        }
        if (lines.size() > QUOTED_LINES) {
            sb.append(" | … ").append(lines.size() - QUOTED_LINES).append(" more in the receipt");
        }
        return sb.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode n : array) {
                if (n.isTextual() && !n.textValue().isBlank()) {
                    out.add(n.textValue());
                }
            }
        }
        return out;
    }
}
