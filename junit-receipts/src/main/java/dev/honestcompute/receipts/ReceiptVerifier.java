package dev.honestcompute.receipts;

import dev.honestcompute.receipts.internal.ReceiptJson;
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
 *   <li>{@code "bitnet"} - BitNet.rs schema 1.0.0 receipts, with the verdict BitNet.rs's {@code xtask verify-receipt}
 *       gives: its checks in its order, its messages, and like it only the first failure.</li>
 *   <li>{@code "bitnet-strict"} - {@code bitnet}, plus what BitNet.rs's receipt documentation says is enforced
 *       (timestamp, backend cpu|cuda|metal, empty corrections) and the rules of ours that fit BitNet.rs receipts
 *       (no "mock" kernel id, the quantization type named by a kernel id, no failed test, measured numbers).</li>
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
    /** Policy for BitNet.rs receipts: BitNet.rs's own verdict. */
    public static final String BITNET_POLICY = Policies.BITNET;
    /** Policy for BitNet.rs receipts: BitNet.rs's verdict plus its documented and our applicable rules. */
    public static final String BITNET_STRICT_POLICY = Policies.BITNET_STRICT;
    /** Class-path resource of the receipt JSON Schema (draft 2020-12); also in {@code docs/}. */
    public static final String SCHEMA_RESOURCE = "/dev/honestcompute/receipts/receipt-schema-1.0.0.json";

    private final String policy;
    private final boolean requireGpuKernels;

    private ReceiptVerifier(String policy, boolean requireGpuKernels) {
        this.policy = policy;
        this.requireGpuKernels = requireGpuKernels;
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
        return new ReceiptVerifier(policy, false);
    }

    /**
     * This verifier with BitNet.rs's {@code --require-gpu-kernels}: at least one kernel id must be a GPU kernel id
     * (gemm_*, wmma_*, cublas_*, cutlass_*, cuda_*, tl1_gpu_*, tl2_gpu_*, i2s_quantize, i2s_dequantize), whatever the
     * backend.
     *
     * <pre>{@code
     * ReceiptVerifier gpu = ReceiptVerifier.forPolicy("bitnet").requiringGpuKernels();
     * }</pre>
     *
     * @throws IllegalStateException under the {@code default} policy, which checks GPU claims against observed
     *                               kernels instead (HC012)
     */
    public ReceiptVerifier requiringGpuKernels() {
        if (!Policies.isBitnet(policy)) {
            throw new IllegalStateException("--require-gpu-kernels is BitNet.rs's option: use it with the bitnet or "
                    + "bitnet-strict policy (the " + policy + " policy checks a GPU backend against the kernels that "
                    + "ran, HC012)");
        }
        return new ReceiptVerifier(policy, true);
    }

    /** Whether this verifier requires a GPU kernel id as BitNet.rs's {@code --require-gpu-kernels} does. */
    public boolean requiresGpuKernels() {
        return requireGpuKernels;
    }

    /** The valid policy names: {@code default}, {@code bitnet}, {@code bitnet-strict}. */
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

    /**
     * Verifies a receipt. Never throws for any receipt content. The bitnet policies judge a file's bytes as BitNet.rs
     * reads them (HC046: byte-order mark, UTF-16, invalid UTF-8) only in {@link #verify(Path)}; here they see the
     * parsed tree.
     */
    public ReceiptVerification verify(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return new ReceiptVerification(receipt.source(), policy,
                Policies.verify(policy, receipt, requireGpuKernels, null));
    }

    /**
     * Reads and verifies a receipt file.
     *
     * @throws ReceiptReadException when the file cannot be read as a JSON object (missing, too large, malformed)
     */
    public ReceiptVerification verify(Path file) throws ReceiptReadException {
        Receipt receipt = Receipt.read(file);
        // BitNet.rs judges the bytes too (a byte-order mark or UTF-16 is "Invalid JSON" to it): read them again,
        // bounded; Receipt.read has just checked the size
        byte[] bytes = Policies.isBitnet(policy) ? readBounded(file) : null;
        return new ReceiptVerification(receipt.source(), policy,
                Policies.verify(policy, receipt, requireGpuKernels, bytes));
    }

    private static byte[] readBounded(Path file) throws ReceiptReadException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) ReceiptJson.MAX_FILE_BYTES + 1);
            if (bytes.length > ReceiptJson.MAX_FILE_BYTES) {
                throw new ReceiptReadException(file, "file grew beyond the " + ReceiptJson.MAX_FILE_BYTES
                        + "-byte limit while it was read; is something still writing it?", null);
            }
            return bytes;
        } catch (java.io.IOException e) {
            throw new ReceiptReadException(file, "cannot read: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "ReceiptVerifier[" + policy + (requireGpuKernels ? ", require-gpu-kernels" : "") + "]";
    }
}
