package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.recorder.KernelRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in receipt check used until the full verifier is wired in. Rules, for a receipt whose
 * {@code compute_path} is {@code real}:
 * <ul>
 *   <li>{@value #RECORDER_INACTIVE}: the recorder agent was not active while the test ran;</li>
 *   <li>{@value #KERNELS_EMPTY}: no kernel was observed;</li>
 *   <li>{@value #KERNELS_MOCK}: a kernel id contains {@code mock};</li>
 *   <li>{@value #FALLBACK_UNPERMITTED}: an engine fell back although the test did not allow it;</li>
 *   <li>{@value #BACKEND_CLAIM}: the observed backend is not the claimed one and no permitted fallback explains it;</li>
 * </ul>
 * and for every receipt {@value #TEST_NOT_PASSED}: the test that wrote it did not pass (a failed run never yields a
 * passing receipt). Both built-in policies ({@code default}, {@code bitnet}) apply the same rules here.
 */
final class MinimalReceiptCheck implements ReceiptCheck {

    static final MinimalReceiptCheck INSTANCE = new MinimalReceiptCheck();

    static final String RECORDER_INACTIVE = "recorder.inactive";
    static final String KERNELS_EMPTY = "kernels.empty";
    static final String KERNELS_MOCK = "kernels.mock";
    static final String FALLBACK_UNPERMITTED = "fallback.unpermitted";
    static final String BACKEND_CLAIM = "backend.claim";
    static final String TEST_NOT_PASSED = "test.not_passed";

    private MinimalReceiptCheck() {
    }

    @Override
    public List<Violation> check(ObjectNode receipt, String policy) {
        List<Violation> out = new ArrayList<>();
        JsonNode test = receipt.path(ReceiptFields.TEST);
        String status = test.path(ReceiptFields.STATUS).asText("");
        if (test.isObject() && !status.equals(ReceiptFields.PASSED)) {
            out.add(new Violation(TEST_NOT_PASSED, "test.status is '" + status + "', expected 'passed': a receipt of a"
                    + " test that did not pass is evidence of that run, never a passing receipt; fix the test"));
        }
        if (!ReceiptFields.REAL.equals(receipt.path(ReceiptFields.COMPUTE_PATH).asText())) {
            return out;
        }
        boolean active = receipt.path(ReceiptFields.RECORDER).path(ReceiptFields.ACTIVE).asBoolean(false);
        if (!active) {
            out.add(new Violation(RECORDER_INACTIVE, "recorder.active is false: the kernel recorder agent was not "
                    + "running, so no kernel could be observed; " + KernelRecorder.activationHint()));
        }
        List<String> kernels = new ArrayList<>();
        receipt.path(ReceiptFields.KERNELS).forEach(k -> kernels.add(k.asText()));
        if (kernels.isEmpty()) {
            out.add(new Violation(KERNELS_EMPTY, "compute_path is 'real' but kernels is empty: no instrumented "
                    + "kernel returned normally while the test body ran; make the test call the engine's @Kernel "
                    + "methods" + (active ? " (is the kernel annotated, or listed in the kernels config?) and check"
                    + " the agent: " + KernelRecorder.activationHint() : "")
                    + ", or declare the test @EmitsReceipt(computePath = MOCK)"));
        }
        for (String k : kernels) {
            if (k.toLowerCase(Locale.ROOT).contains("mock")) {
                out.add(new Violation(KERNELS_MOCK, "kernel id '" + k + "' names mock compute in a 'real' receipt; "
                        + "production tests must run real kernels (rename the kernel if it is real)"));
            }
        }
        JsonNode claims = receipt.path(ReceiptFields.CLAIMS);
        boolean allowFallback = claims.path(ReceiptFields.ALLOW_FALLBACK).asBoolean(false);
        JsonNode fallbacks = receipt.path(ReceiptFields.FALLBACKS);
        if (!allowFallback) {
            for (JsonNode f : fallbacks) {
                out.add(new Violation(FALLBACK_UNPERMITTED, "fallback from '" + f.path(ReceiptFields.REQUESTED).asText()
                        + "' to '" + f.path(ReceiptFields.EFFECTIVE).asText() + "' (reason "
                        + f.path(ReceiptFields.REASON_CODE).asText() + ": " + f.path(ReceiptFields.DETAIL).asText()
                        + ") but claims.allow_fallback is false; provide the requested backend or set "
                        + "@EmitsReceipt(allowFallback = true)"));
            }
        }
        String claimed = claims.path(ReceiptFields.BACKEND).asText("");
        String observed = receipt.path(ReceiptFields.BACKEND).asText("");
        if (!claimed.isEmpty() && !kernels.isEmpty() && !claimed.equals(observed)
                && !(allowFallback && explainedByFallback(fallbacks, claimed, observed))) {
            out.add(new Violation(BACKEND_CLAIM, "claims.backend is '" + claimed + "' but the observed backend is '"
                    + observed + "' and no permitted fallback from '" + claimed + "' to '" + observed
                    + "' was reported; run the claimed backend or correct @EmitsReceipt(backend)"));
        }
        return out;
    }

    private static boolean explainedByFallback(JsonNode fallbacks, String claimed, String observed) {
        for (JsonNode f : fallbacks) {
            if (f.path(ReceiptFields.REQUESTED).asText().equals(claimed)
                    && f.path(ReceiptFields.EFFECTIVE).asText().equals(observed)) {
                return true;
            }
        }
        return false;
    }
}
