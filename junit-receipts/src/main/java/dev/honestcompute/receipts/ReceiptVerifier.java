package dev.honestcompute.receipts;

import dev.honestcompute.receipts.verify.Policies;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies receipts against a named policy and reports every violation (not just the first).
 *
 * <ul>
 *   <li>{@code "default"} - Honest Compute receipts: BitNet.rs's rules plus the observation rules (kernels equal the
 *       kernels the recorder saw run, recorder active, claims backed by observed kernels and by the host, no
 *       disallowed fallback).</li>
 *   <li>{@code "bitnet"} - BitNet.rs schema 1.0.0 receipts, checked as BitNet.rs's {@code verify-receipt} does.</li>
 * </ul>
 * The rules are listed, with ids and remedies, in {@link ReceiptRule}. Verification never throws for bad content:
 * wrong types, NaN, negative or absent numbers become violations naming the field and the value.
 *
 * <pre>{@code
 * ReceiptVerification result = ReceiptVerifier.forPolicy("default").verify(Receipt.read(file));
 * result.violations().forEach(v -> System.out.println(v.ruleId() + " " + v.field() + ": " + v.message()));
 * boolean ok = result.passed();   // no ERROR (warnings allowed)
 * }</pre>
 */
public final class ReceiptVerifier {

    /** Policy for Honest Compute receipts. */
    public static final String DEFAULT_POLICY = Policies.DEFAULT;
    /** Policy for BitNet.rs receipts. */
    public static final String BITNET_POLICY = Policies.BITNET;
    /** Class-path resource of the receipt JSON Schema (draft 2020-12); also in {@code docs/}. */
    public static final String SCHEMA_RESOURCE = "/dev/honestcompute/receipts/receipt-schema-1.0.0.json";

    private final String policy;

    private ReceiptVerifier(String policy) {
        this.policy = policy;
    }

    /**
     * The verifier for a named policy.
     *
     * @throws IllegalArgumentException for an unknown policy, listing the valid ones
     */
    public static ReceiptVerifier forPolicy(String policy) {
        if (policy == null || !Policies.exists(policy)) {
            throw new IllegalArgumentException("unknown receipt policy '" + policy + "'; valid policies: "
                    + String.join(", ", Policies.names()));
        }
        return new ReceiptVerifier(policy);
    }

    /** The valid policy names: {@code default}, {@code bitnet}. */
    public static List<String> policies() {
        return Policies.names();
    }

    public String policy() {
        return policy;
    }

    /** The rules this policy checks. */
    public Set<ReceiptRule> rules() {
        return Policies.rules(policy);
    }

    /** Verifies a receipt. Never throws for any receipt content. */
    public ReceiptVerification verify(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return new ReceiptVerification(receipt.source(), policy, Policies.verify(policy, receipt));
    }

    /**
     * Reads and verifies a receipt file.
     *
     * @throws ReceiptReadException when the file cannot be read as a JSON object (missing, too large, malformed)
     */
    public ReceiptVerification verify(Path file) throws ReceiptReadException {
        return verify(Receipt.read(file));
    }

    @Override
    public String toString() {
        return "ReceiptVerifier[" + policy + "]";
    }
}
