package dev.honestcompute.receipts.verify;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named verification policies and the rules each one runs. Internal: use
 * {@link dev.honestcompute.receipts.ReceiptVerifier}.
 *
 * <ul>
 *   <li>{@code default}: Honest Compute receipts: every rule except HC013, HC045 and HC046, all violations
 *       reported.</li>
 *   <li>{@code bitnet}: BitNet.rs's {@code xtask verify-receipt}, exactly ({@link BitnetVerifyReceipt}): its checks in
 *       its order, its messages, the first failure only.</li>
 *   <li>{@code bitnet-strict}: {@code bitnet}, then what BitNet.rs's receipt documentation says is enforced but its
 *       code does not check (timestamp, backend cpu|cuda|metal, corrections empty) and our rules that make sense for
 *       BitNet.rs receipts (no "mock" kernel id, model_info.quantization_type named by a kernel id, no failed tests,
 *       measured performance numbers), all reported.</li>
 * </ul>
 */
public final class Policies {

    public static final String DEFAULT = "default";
    public static final String BITNET = "bitnet";
    public static final String BITNET_STRICT = "bitnet-strict";

    private record Rule(List<ReceiptRule> rules, Check check) {
    }

    private static final Rule BITNET_VERIFY_RECEIPT = new Rule(BitnetVerifyReceipt.RULES, BitnetVerifyReceipt::run);

    private static final Map<String, List<Rule>> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put(DEFAULT, List.of(
                new Rule(List.of(ReceiptRule.SCHEMA_VERSION), HeaderChecks::schemaVersion),
                new Rule(List.of(ReceiptRule.TIMESTAMP), HeaderChecks::timestamp),
                new Rule(List.of(ReceiptRule.COMPUTE_PATH_REAL), HeaderChecks::computePath),
                new Rule(List.of(ReceiptRule.BACKEND), HeaderChecks::backend),
                new Rule(List.of(ReceiptRule.KERNELS_PRESENT, ReceiptRule.KERNEL_ID_STRING, ReceiptRule.KERNEL_ID_BLANK,
                        ReceiptRule.KERNEL_ID_TOO_LONG, ReceiptRule.TOO_MANY_KERNELS, ReceiptRule.DUPLICATE_KERNEL,
                        ReceiptRule.MOCK_KERNEL), KernelListChecks::run),
                new Rule(List.of(ReceiptRule.GPU_KERNELS_REQUIRED), ObservationChecks::gpuKernels),
                new Rule(List.of(ReceiptRule.KERNEL_STATS_SHAPE), ObservationChecks::kernelStatsShape),
                new Rule(List.of(ReceiptRule.KERNELS_NOT_OBSERVED), ObservationChecks::kernelsObserved),
                new Rule(List.of(ReceiptRule.RECORDER_INACTIVE), ObservationChecks::recorderActive),
                new Rule(List.of(ReceiptRule.FALLBACK_NOT_ALLOWED), ObservationChecks::fallbacks),
                new Rule(List.of(ReceiptRule.CLAIMED_BACKEND_NOT_OBSERVED), ClaimChecks::claimedBackend),
                new Rule(List.of(ReceiptRule.CLAIMED_SIMD_WIDTH), ClaimChecks::claimedSimdWidth),
                new Rule(List.of(ReceiptRule.HOST_FEATURE_MISSING), ClaimChecks::hostFeatures),
                new Rule(List.of(ReceiptRule.MOCK_LEAK), HonestyChecks::mockLeaks),
                new Rule(List.of(ReceiptRule.FORGED_EVIDENCE), HonestyChecks::forgeries),
                new Rule(List.of(ReceiptRule.FAILED_KERNEL_CALLS), HonestyChecks::failedKernelCalls),
                new Rule(List.of(ReceiptRule.UNVERIFIED_BACKEND, ReceiptRule.GPU_KERNEL_WITHOUT_GPU),
                        HonestyChecks::backends),
                new Rule(List.of(ReceiptRule.DETERMINISM_CACHED), HonestyChecks::determinism),
                new Rule(List.of(ReceiptRule.PERF_WITHOUT_KERNELS, ReceiptRule.PERF_CACHING),
                        HonestyChecks::performance),
                new Rule(List.of(ReceiptRule.PARITY_ENGINE_KERNELS), HonestyChecks::parity),
                new Rule(List.of(ReceiptRule.CLAIMED_QUANTIZATION), ClaimChecks::claimedQuantization),
                new Rule(List.of(ReceiptRule.TESTS_FAILED, ReceiptRule.TEST_COUNTS), OutcomeChecks::testResults),
                new Rule(List.of(ReceiptRule.CORRECTIONS_NOT_EMPTY), OutcomeChecks::corrections),
                new Rule(List.of(ReceiptRule.PERFORMANCE_NUMBER), OutcomeChecks::performance)));
        POLICIES.put(BITNET, List.of(BITNET_VERIFY_RECEIPT));
        POLICIES.put(BITNET_STRICT, List.of(BITNET_VERIFY_RECEIPT,
                new Rule(List.of(ReceiptRule.TIMESTAMP), HeaderChecks::timestamp),
                new Rule(List.of(ReceiptRule.BACKEND), HeaderChecks::backend),
                new Rule(List.of(ReceiptRule.MOCK_KERNEL), KernelListChecks::mockKernels),
                new Rule(List.of(ReceiptRule.CLAIMED_QUANTIZATION), ClaimChecks::claimedQuantization),
                new Rule(List.of(ReceiptRule.TESTS_FAILED, ReceiptRule.TEST_COUNTS), OutcomeChecks::testResults),
                new Rule(List.of(ReceiptRule.CORRECTIONS_NOT_EMPTY), OutcomeChecks::corrections),
                new Rule(List.of(ReceiptRule.PERFORMANCE_NUMBER), OutcomeChecks::performance)));
    }

    private Policies() {
    }

    /** Policy names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    public static boolean exists(String name) {
        return POLICIES.containsKey(name);
    }

    /** Whether {@code policy} reads receipts as BitNet.rs does ({@code bitnet}, {@code bitnet-strict}). */
    public static boolean isBitnet(String policy) {
        return BITNET.equals(policy) || BITNET_STRICT.equals(policy);
    }

    /** The rules a policy runs. */
    public static Set<ReceiptRule> rules(String policy) {
        EnumSet<ReceiptRule> out = EnumSet.noneOf(ReceiptRule.class);
        for (Rule r : POLICIES.get(policy)) {
            out.addAll(r.rules());
        }
        return out;
    }

    /** Runs every rule of {@code policy}; never throws for any receipt content. */
    public static List<Violation> verify(String policy, Receipt receipt) {
        return verify(policy, receipt, false, null);
    }

    /**
     * Runs every rule of {@code policy}; never throws for any receipt content.
     *
     * @param requireGpuKernels BitNet.rs's {@code --require-gpu-kernels} (BitNet.rs policies only)
     * @param bytes             the receipt file's bytes, for BitNet.rs policies to judge them as BitNet.rs reads
     *                          them; {@code null} when the receipt did not come from a file
     */
    public static List<Violation> verify(String policy, Receipt receipt, boolean requireGpuKernels, byte[] bytes) {
        Subject subject = new Subject(receipt, policy, requireGpuKernels, bytes);
        Findings findings = new Findings();
        for (Rule r : POLICIES.get(policy)) {
            try {
                r.check().run(subject, findings);
            } catch (RuntimeException e) {
                // A verifier bug must not pass a receipt nor crash the caller: report it as an error.
                ReceiptRule first = r.rules().get(0);
                findings.add(first, Violation.Severity.ERROR, "", null, "the verifier could not evaluate "
                        + first.id() + " on this receipt (" + e + "); treat the receipt as unverified",
                        "report this as a bug in Honest Compute with the receipt attached");
            }
        }
        return new ArrayList<>(findings.violations());
    }
}
