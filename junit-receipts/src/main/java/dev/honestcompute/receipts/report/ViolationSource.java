package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.Receipt;

import java.util.List;

/**
 * Where the report gets the rule violations of each receipt from, typically the receipt verifier under the active
 * policy.
 *
 * <pre>{@code
 * ViolationSource fromVerifier = receipt -> verifier.verify(receipt).violations().stream()
 *         .map(v -> new ReportViolation(v.ruleId(), v.severity(), v.field(), v.found(), v.message(), v.remedy()))
 *         .toList();
 * ReportRenderer.renderDirectory(Path.of("target/receipts"), fromVerifier);
 * }</pre>
 */
@FunctionalInterface
public interface ViolationSource {

    /** The violations of one receipt; empty when it breaks no rule. */
    List<ReportViolation> violationsOf(Receipt receipt);

    /** No checks: the report shows no violations. */
    static ViolationSource none() {
        return receipt -> List.of();
    }
}
