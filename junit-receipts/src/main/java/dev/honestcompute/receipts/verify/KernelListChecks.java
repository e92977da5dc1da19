package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation.Severity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HC005–HC011 under the {@code default} policy: the {@code kernels} list's hygiene, every violation reported. (The
 * {@code bitnet} policies check HC005–HC010 as BitNet.rs does, in {@link BitnetVerifyReceipt}.)
 */
final class KernelListChecks {

    static final int MAX_KERNEL_ID_CHARS = 128;
    static final int MAX_KERNELS = 10_000;

    private KernelListChecks() {
    }

    static void run(Subject s, Findings f) {
        JsonNode kernels = s.get(ReceiptFields.KERNELS);
        String ptr = "/" + ReceiptFields.KERNELS;
        if (!kernels.isArray()) {
            f.error(ReceiptRule.KERNELS_PRESENT, ptr, kernels, "kernels must be an array of kernel ids, found "
                    + Findings.typeName(kernels));
            return;
        }
        if (kernels.isEmpty()) {
            f.add(ReceiptRule.KERNELS_PRESENT, Severity.ERROR, ptr, kernels, RecorderHints.emptyKernelsMessage(s),
                    RecorderHints.emptyKernelsRemedy(s, ReceiptRule.KERNELS_PRESENT.remedy()));
            return;
        }
        if (kernels.size() > MAX_KERNELS) {
            f.error(ReceiptRule.TOO_MANY_KERNELS, ptr, null, "kernels has " + kernels.size() + " entries, more than "
                    + MAX_KERNELS);
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < kernels.size(); i++) {
            JsonNode k = kernels.get(i);
            String at = Findings.pointer(ptr, i);
            if (!k.isTextual()) {
                f.error(ReceiptRule.KERNEL_ID_STRING, at, k, "kernel id must be a string, found " + Findings.typeName(k));
                continue;
            }
            String id = k.textValue();
            if (isBlankId(id)) {
                f.error(ReceiptRule.KERNEL_ID_BLANK, at, k, "kernel id is empty or blank");
                continue;
            }
            int chars = id.codePointCount(0, id.length());
            if (chars > MAX_KERNEL_ID_CHARS) {
                f.error(ReceiptRule.KERNEL_ID_TOO_LONG, at, k, "kernel id has " + chars + " characters, more than "
                        + MAX_KERNEL_ID_CHARS);
            }
            Integer first = firstIndex.putIfAbsent(id, i);
            if (first != null) {
                f.warning(ReceiptRule.DUPLICATE_KERNEL, at, k, "kernel id '" + id + "' repeats kernels[" + first + "]");
            }
            mock(f, at, k);
        }
    }

    /** Blank by Java's definition or by Unicode's: a no-break space is blank to the eye (and to Rust). */
    static boolean isBlankId(String id) {
        return id.isBlank() || RustText.isBlank(id);
    }

    /** HC011 alone, for the {@code bitnet-strict} policy: every string id containing "mock", any case. */
    static void mockKernels(Subject s, Findings f) {
        JsonNode kernels = s.get(ReceiptFields.KERNELS);
        if (!kernels.isArray()) {
            return; // BitNet.rs's own check reports a missing kernels array
        }
        for (int i = 0; i < kernels.size(); i++) {
            if (kernels.get(i).isTextual()) {
                mock(f, Findings.pointer("/" + ReceiptFields.KERNELS, i), kernels.get(i));
            }
        }
    }

    private static void mock(Findings f, String at, JsonNode k) {
        if (k.textValue().toLowerCase(Locale.ROOT).contains("mock")) {
            f.error(ReceiptRule.MOCK_KERNEL, at, k, "kernel id '" + k.textValue() + "' names a mock kernel");
        }
    }
}
