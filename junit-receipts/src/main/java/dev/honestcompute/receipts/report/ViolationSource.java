package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptVerifier;

import java.util.List;

/**
 * Where the report gets the rule violations of each receipt from, typically the receipt verifier under the active
 * policy.
 *
 * <pre>{@code
 * ReportRenderer.renderDirectory(Path.of("target/receipts"), ViolationSource.of(ReceiptVerifier.forPolicy("default")));
 * }</pre>
 */
@FunctionalInterface
public interface ViolationSource {

    /** The violations of one receipt; empty when it breaks no rule. */
    List<ReportViolation> violationsOf(Receipt receipt);

    /** The violations {@code verifier} finds in each receipt. */
    static ViolationSource of(ReceiptVerifier verifier) {
        return receipt -> verifier.verify(receipt).violations().stream()
                .map(v -> new ReportViolation(v.ruleId(), v.severity().name().toLowerCase(java.util.Locale.ROOT),
                        v.field(), v.found(), v.message(), v.remedy()))
                .toList();
    }

    /** No checks: the report shows no violations. */
    static ViolationSource none() {
        return receipt -> List.of();
    }
}
