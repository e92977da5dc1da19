package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * How {@code @EmitsReceipt} judges a freshly assembled receipt. One small seam so the full
 * {@code ReceiptVerifier.forPolicy(policy).verify(receipt)} can replace the built-in {@link MinimalReceiptCheck}
 * in {@link #active()} alone.
 */
public interface ReceiptCheck {

    /**
     * One broken rule.
     *
     * @param rule    a stable rule id, e.g. {@code kernels.empty}
     * @param message what was expected, what the receipt says and what to do next
     */
    record Violation(String rule, String message) {
    }

    /** The violations of {@code receipt} under {@code policy}; empty when it passes. */
    List<Violation> check(ObjectNode receipt, String policy);

    /** The check {@code @EmitsReceipt} uses. */
    static ReceiptCheck active() {
        return MinimalReceiptCheck.INSTANCE;
    }
}
