package dev.honestcompute.receipts.verify;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named verification policies and the rules each one runs. Internal: use
 * {@link dev.honestcompute.receipts.ReceiptVerifier}.
 *
 * <ul>
 *   <li>{@code default}: Honest Compute receipts - every rule except HC013.</li>
 *   <li>{@code bitnet}: BitNet.rs schema 1.0.0 receipts, with the rules of BitNet.rs's {@code verify-receipt}
 *       (reference doc 000): HC001–HC013, HC020 (model_info.quantization_type), HC022–HC025. The recorder-based
 *       rules are not run: BitNet receipts carry no kernel_stats.</li>
 * </ul>
 */
public final class Policies {

    public static final String DEFAULT = "default";
    public static final String BITNET = "bitnet";

    private record Rule(List<ReceiptRule> rules, Check check) {
    }

    private static final List<Rule> COMMON_HEAD = List.of(
            new Rule(List.of(ReceiptRule.SCHEMA_VERSION), HeaderChecks::schemaVersion),
            new Rule(List.of(ReceiptRule.TIMESTAMP), HeaderChecks::timestamp),
            new Rule(List.of(ReceiptRule.COMPUTE_PATH_REAL), HeaderChecks::computePath),
            new Rule(List.of(ReceiptRule.BACKEND), HeaderChecks::backend),
            new Rule(List.of(ReceiptRule.KERNELS_PRESENT, ReceiptRule.KERNEL_ID_STRING, ReceiptRule.KERNEL_ID_BLANK,
                    ReceiptRule.KERNEL_ID_TOO_LONG, ReceiptRule.TOO_MANY_KERNELS, ReceiptRule.DUPLICATE_KERNEL,
                    ReceiptRule.MOCK_KERNEL), KernelListChecks::run),
            new Rule(List.of(ReceiptRule.GPU_KERNELS_REQUIRED), ObservationChecks::gpuKernels));

    private static final List<Rule> COMMON_TAIL = List.of(
            new Rule(List.of(ReceiptRule.CLAIMED_QUANTIZATION), ClaimChecks::claimedQuantization),
            new Rule(List.of(ReceiptRule.TESTS_FAILED, ReceiptRule.TEST_COUNTS), OutcomeChecks::testResults),
            new Rule(List.of(ReceiptRule.CORRECTIONS_NOT_EMPTY), OutcomeChecks::corrections),
            new Rule(List.of(ReceiptRule.PERFORMANCE_NUMBER), OutcomeChecks::performance));

    private static final Map<String, List<Rule>> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put(DEFAULT, concat(COMMON_HEAD, List.of(
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
                new Rule(List.of(ReceiptRule.PARITY_ENGINE_KERNELS), HonestyChecks::parity)), COMMON_TAIL));
        POLICIES.put(BITNET, concat(COMMON_HEAD, List.of(
                new Rule(List.of(ReceiptRule.CPU_QUANTIZED_KERNEL_REQUIRED), ClaimChecks::cpuQuantizedKernel)),
                COMMON_TAIL));
    }

    private Policies() {
    }

    private static List<Rule> concat(List<Rule> head, List<Rule> middle, List<Rule> tail) {
        List<Rule> all = new java.util.ArrayList<>(head);
        all.addAll(middle);
        all.addAll(tail);
        return List.copyOf(all);
    }

    /** Policy names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(POLICIES.keySet());
    }

    public static boolean exists(String name) {
        return POLICIES.containsKey(name);
    }

    /** The rules a policy runs. */
    public static java.util.Set<ReceiptRule> rules(String policy) {
        java.util.EnumSet<ReceiptRule> out = java.util.EnumSet.noneOf(ReceiptRule.class);
        for (Rule r : POLICIES.get(policy)) {
            out.addAll(r.rules());
        }
        return out;
    }

    /** Runs every rule of {@code policy}; never throws for any receipt content. */
    public static List<Violation> verify(String policy, Receipt receipt) {
        Subject subject = new Subject(receipt, policy);
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
        return findings.violations();
    }
}
