package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.ReceiptVerifier;

import java.util.List;
import java.util.Set;

/**
 * How {@code @EmitsReceipt} judges a freshly assembled receipt: the {@link ReceiptVerifier} of the active policy.
 * Errors fail the test; warnings stay in the verifier's output and the report.
 */
public final class ReceiptCheck {

    /**
     * One broken rule.
     *
     * @param rule    the verifier's stable rule id, e.g. {@code HC016}
     * @param message what was expected, what the receipt says (field and value) and what to do next
     */
    public record Violation(String rule, String message) {
    }

    private ReceiptCheck() {
    }

    /**
     * Rules a receipt that admits mock compute ({@code @EmitsReceipt(computePath = MOCK)}) breaks by definition: it is
     * not real, may have observed no kernel, and may run without the recorder. Such a receipt never passes the
     * verifier's CLI or report; it only does not fail the test that honestly declared it.
     */
    private static final Set<String> ADMITTED_BY_MOCK_RECEIPTS = Set.of(
            ReceiptRule.COMPUTE_PATH_REAL.id(), ReceiptRule.KERNELS_PRESENT.id(), ReceiptRule.RECORDER_INACTIVE.id());

    /** The errors the verifier finds in {@code receipt} under {@code policy}; empty when it passes. */
    public static List<Violation> check(ObjectNode receipt, String policy) {
        boolean mock = ReceiptFields.MOCK.equals(receipt.path(ReceiptFields.COMPUTE_PATH).asText());
        return ReceiptVerifier.forPolicy(policy).verify(Receipt.of(receipt, "assembled receipt")).errors().stream()
                .filter(v -> !(mock && ADMITTED_BY_MOCK_RECEIPTS.contains(v.ruleId())))
                .map(v -> new Violation(v.ruleId(), v.field() + " = " + v.found() + ": " + v.message()
                        + (v.remedy().isBlank() ? "" : " Remedy: " + v.remedy())))
                .toList();
    }
}
