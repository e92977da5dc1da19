package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.recorder.KernelRecorder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptVerifierTest {

    private static final ReceiptVerifier DEFAULT = ReceiptVerifier.forPolicy("default");
    private static final ReceiptVerifier BITNET = ReceiptVerifier.forPolicy("bitnet");
    private static final ReceiptVerifier BITNET_STRICT = ReceiptVerifier.forPolicy("bitnet-strict");

    static ObjectNode goodReceipt() {
        try (InputStream in = ReceiptVerifierTest.class.getResourceAsStream("good-default-receipt.json")) {
            return (ObjectNode) ReceiptJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReceiptVerification verifyAfter(Consumer<ObjectNode> change) {
        ObjectNode tree = goodReceipt();
        change.accept(tree);
        return DEFAULT.verify(Receipt.of(tree, "mutated.json"));
    }

    private static List<String> ids(ReceiptVerification v) {
        return v.violations().stream().map(Violation::ruleId).collect(Collectors.toList());
    }

    private static Violation only(ReceiptVerification v, String ruleId) {
        List<Violation> matching = v.violations().stream().filter(x -> x.ruleId().equals(ruleId))
                .collect(Collectors.toList());
        assertThat(matching).as("violations of %s in %s", ruleId, v.describe()).hasSize(1);
        return matching.get(0);
    }

    // --- policies -------------------------------------------------------------------------------------------------

    @Test
    void ourRealisticReceiptPassesTheDefaultPolicyWithNoViolation() {
        ReceiptVerification result = DEFAULT.verify(Receipt.of(goodReceipt(), "good.json"));
        assertThat(result.violations()).as(result.describe()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.policy()).isEqualTo("default");
    }

    @Test
    void aQuantizedBitnetCpuRunPassesBothBitnetPolicies() throws Exception {
        for (ReceiptVerifier verifier : List.of(BITNET, BITNET_STRICT)) {
            ReceiptVerification result = verifier.verify(BitnetReceipts.quantizedCpuRun());
            assertThat(result.violations()).as(result.describe()).isEmpty();
            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void aBitnetMockRunFailsAtBitnetsFirstCheckAndStrictListsTheRest() throws Exception {
        // BitNet.rs's verify_receipt_cmd bails at compute_path (xtask/src/main.rs:5648), before kernels[] is read
        ReceiptVerification result = BITNET.verify(BitnetReceipts.mockRun());
        assertThat(result.passed()).isFalse();
        assertThat(ids(result)).containsExactly("HC003");
        Violation mock = only(result, "HC003");
        assertThat(mock.field()).isEqualTo("/compute_path");
        assertThat(mock.found()).isEqualTo("\"mock\"");
        assertThat(mock.message()).isEqualTo("compute_path must be 'real' (got 'mock') \u2014 mock inference not allowed");
        assertThat(mock.remedy()).isEqualTo(ReceiptRule.COMPUTE_PATH_REAL.remedy());

        ReceiptVerification strict = BITNET_STRICT.verify(BitnetReceipts.mockRun());
        assertThat(ids(strict)).containsExactly("HC003", "HC022", "HC025");
        Violation failed = only(strict, "HC022");
        assertThat(failed.field()).isEqualTo("/test_results/failed");
        assertThat(failed.found()).isEqualTo("3");
        Violation tps = only(strict, "HC025");
        assertThat(tps.field()).isEqualTo("/performance_baseline/tokens_per_second");
        assertThat(tps.found()).isEqualTo("-1"); // the shared mapper normalizes -1.0 (BigDecimal) to -1
        assertThat(tps.message()).contains("negative");
    }

    @Test
    void bitnetReceiptIsNotAnObservedReceiptUnderTheDefaultPolicy() throws Exception {
        ReceiptVerification result = DEFAULT.verify(BitnetReceipts.quantizedCpuRun());
        assertThat(ids(result)).contains("HC014", "HC016").doesNotContain("HC003", "HC005");
    }

    @Test
    void requireGpuKernelsIsBitnetsOptionOnly() throws Exception {
        assertThat(BITNET.requiresGpuKernels()).isFalse();
        ReceiptVerifier gpu = BITNET.requiringGpuKernels();
        assertThat(gpu.requiresGpuKernels()).isTrue();
        assertThat(gpu.policy()).isEqualTo("bitnet");
        assertThat(gpu.verify(BitnetReceipts.quantizedCpuRun()).ruleIds()).containsExactly("HC012");
        assertThat(BITNET_STRICT.requiringGpuKernels().verify(BitnetReceipts.quantizedCpuRun()).ruleIds())
                .containsExactly("HC012");
        assertThatThrownBy(DEFAULT::requiringGpuKernels).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--require-gpu-kernels is BitNet.rs's option");
    }

    @Test
    void unknownPolicyListsTheValidOnes() {
        assertThat(ReceiptVerifier.policies()).containsExactly("default", "bitnet", "bitnet-strict");
        assertThatThrownBy(() -> ReceiptVerifier.forPolicy("strict"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown receipt policy 'strict'; valid policies: default, bitnet, bitnet-strict");
        assertThatThrownBy(() -> ReceiptVerifier.forPolicy(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleIdsAreStableUniqueAndDocumented() {
        assertThat(ReceiptRule.values()).extracting(ReceiptRule::id)
                .doesNotHaveDuplicates().allMatch(id -> id.matches("HC0\\d\\d"));
        assertThat(ReceiptRule.byId("hc003")).isEqualTo(ReceiptRule.COMPUTE_PATH_REAL);
        assertThat(ReceiptRule.values()).allMatch(r -> !r.title().isBlank() && !r.remedy().isBlank());
        assertThatThrownBy(() -> ReceiptRule.byId("HC999")).hasMessageContaining("unknown receipt rule id 'HC999'");
        assertThat(DEFAULT.rules()).doesNotContain(ReceiptRule.CPU_QUANTIZED_KERNEL_REQUIRED,
                ReceiptRule.ONLY_FALLBACK_KERNELS, ReceiptRule.BITNET_READABLE);
        // BitNet.rs's verify-receipt reads none of timestamp, backend's value, model_info, test_results, corrections
        // or performance numbers, and does not look for "mock" in kernel ids
        assertThat(BITNET.rules()).containsExactlyInAnyOrder(ReceiptRule.BITNET_READABLE, ReceiptRule.SCHEMA_VERSION,
                ReceiptRule.COMPUTE_PATH_REAL, ReceiptRule.KERNELS_PRESENT, ReceiptRule.KERNEL_ID_STRING,
                ReceiptRule.KERNEL_ID_BLANK, ReceiptRule.KERNEL_ID_TOO_LONG, ReceiptRule.TOO_MANY_KERNELS,
                ReceiptRule.DUPLICATE_KERNEL, ReceiptRule.GPU_KERNELS_REQUIRED,
                ReceiptRule.CPU_QUANTIZED_KERNEL_REQUIRED, ReceiptRule.ONLY_FALLBACK_KERNELS);
        assertThat(BITNET_STRICT.rules()).containsAll(BITNET.rules())
                .contains(ReceiptRule.TIMESTAMP, ReceiptRule.BACKEND, ReceiptRule.MOCK_KERNEL,
                        ReceiptRule.CLAIMED_QUANTIZATION, ReceiptRule.TESTS_FAILED, ReceiptRule.TEST_COUNTS,
                        ReceiptRule.CORRECTIONS_NOT_EMPTY, ReceiptRule.PERFORMANCE_NUMBER)
                .doesNotContain(ReceiptRule.RECORDER_INACTIVE, ReceiptRule.KERNELS_NOT_OBSERVED);
    }

    // --- HC001-HC004 ----------------------------------------------------------------------------------------------

    @Test
    void unknownSchemaVersionNamesTheValue() {
        Violation v = only(verifyAfter(t -> t.put("schema_version", "2.0.0")), "HC001");
        assertThat(v.severity()).isEqualTo(Violation.Severity.ERROR);
        assertThat(v.found()).isEqualTo("\"2.0.0\"");
        assertThat(v.message()).contains("unknown schema version '2.0.0'");

        assertThat(only(verifyAfter(t -> t.put("schema_version", 1)), "HC001").message()).contains("found a number");
        assertThat(only(verifyAfter(t -> t.put("schema_version", "one")), "HC001").found()).isEqualTo("\"one\"");
        assertThat(only(verifyAfter(t -> t.remove("schema_version")), "HC001").found()).isEqualTo("<absent>");

        ReceiptVerification newerMinor = verifyAfter(t -> t.put("schema_version", "1.3.0"));
        assertThat(only(newerMinor, "HC001").severity()).isEqualTo(Violation.Severity.WARNING);
        assertThat(newerMinor.passed()).isTrue();
        assertThat(verifyAfter(t -> t.put("schema_version", "1.0")).violations()).isEmpty();
    }

    @Test
    void timestampComputePathAndBackend() throws Exception {
        assertThat(only(verifyAfter(t -> t.put("timestamp", "yesterday")), "HC002").field()).isEqualTo("/timestamp");
        assertThat(only(verifyAfter(t -> t.put("compute_path", "mock")), "HC003").found()).isEqualTo("\"mock\"");
        assertThat(only(verifyAfter(t -> t.put("compute_path", true)), "HC003").message()).contains("found a boolean");
        assertThat(only(verifyAfter(t -> t.put("backend", "tpu")), "HC004").message())
                .contains("declared, not observed");
        assertThat(only(verifyAfter(t -> t.put("backend", "CPU SIMD")), "HC004").found()).isEqualTo("\"CPU SIMD\"");
        assertThat(verifyAfter(t -> t.put("backend", "cpu")).violations()).isEmpty();

        ObjectNode bitnetTpu = Receipt.parse(
                "{\"schema_version\":\"1.0.0\",\"timestamp\":\"2025-01-15T10:30:00Z\",\"compute_path\":\"real\","
                        + "\"backend\":\"tpu\",\"kernels\":[\"i2s_gemv\"],\"corrections\":[]}", "x").tree();
        // BitNet.rs never checks the backend's value; its documentation's cpu|cuda|metal is bitnet-strict's HC004,
        // sorted, so the message is the same in every run (a Set.of would print in a per-JVM order)
        assertThat(BITNET.verify(Receipt.of(bitnetTpu, "tpu.json")).violations()).isEmpty();
        assertThat(only(BITNET_STRICT.verify(Receipt.of(bitnetTpu, "tpu.json")), "HC004").message())
                .isEqualTo("backend 'tpu' is not one of [cpu, cuda, metal] (BitNet.rs schema 1.0.0)");
    }

    // --- HC005-HC011 kernels --------------------------------------------------------------------------------------

    @Test
    void kernelListHygiene() {
        ReceiptVerification empty = verifyAfter(t -> t.putArray("kernels"));
        assertThat(ids(empty)).contains("HC005").allMatch(id -> id.equals("HC005") || id.equals("HC015"));

        assertThat(only(verifyAfter(t -> t.put("kernels", "matmul")), "HC005").message())
                .contains("found a string");
        Violation number = only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add(7)), "HC006");
        assertThat(number.field()).isEqualTo("/kernels/3");
        assertThat(number.found()).isEqualTo("7");
        assertThat(only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("  ")), "HC007").field())
                .isEqualTo("/kernels/3");
        // a no-break space is blank to the eye (Java's isBlank disagrees); U+001F is blank to Java only: both blank
        ReceiptVerification noBreakSpaces = verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("\u00a0\u2007"));
        assertThat(only(noBreakSpaces, "HC007").field()).isEqualTo("/kernels/3");
        assertThat(ids(noBreakSpaces)).containsExactly("HC007"); // blank, so not also "declared, not observed"
        assertThat(only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("\u001f")), "HC007").field())
                .isEqualTo("/kernels/3");
        assertThat(only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("k".repeat(129))), "HC008").message())
                .contains("129 characters");
        // characters, not UTF-16 units: 100 emoji are 100 characters (200 units, 400 UTF-8 bytes)
        ReceiptVerification emoji = verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("\ud83d\ude80".repeat(100)));
        assertThat(ids(emoji)).doesNotContain("HC008");
        assertThat(only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("\ud83d\ude80".repeat(129))), "HC008")
                .message()).contains("129 characters");
        ReceiptVerification many = verifyAfter(t -> {
            ArrayNode k = t.putArray("kernels");
            for (int i = 0; i <= 10_000; i++) {
                k.add("k" + i);
            }
        });
        assertThat(only(many, "HC009").message()).contains("10001 entries");

        ReceiptVerification duplicate = verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("rmsnorm_f32"));
        Violation dup = only(duplicate, "HC010");
        assertThat(dup.severity()).isEqualTo(Violation.Severity.WARNING);
        assertThat(dup.message()).contains("repeats kernels[1]");
        assertThat(duplicate.passed()).isTrue();

        ReceiptVerification mock = verifyAfter(t -> {
            ((ArrayNode) t.get("kernels")).add("MockMatmul");
            ((ArrayNode) t.get("kernel_stats")).addObject().put("id", "MockMatmul").put("backend", "cpu")
                    .put("calls", 3).put("failed_calls", 0);
        });
        assertThat(ids(mock)).containsExactly("HC011");
    }

    // --- HC012 GPU ------------------------------------------------------------------------------------------------

    @Test
    void gpuBackendNeedsObservedGpuKernels() throws Exception {
        Violation claimed = only(verifyAfter(t -> ((ObjectNode) t.get("claims")).put("backend", "cuda")), "HC012");
        assertThat(claimed.field()).isEqualTo("/claims/backend");
        assertThat(claimed.message()).contains("needs observed GPU kernels").contains("cpu-simd");
        assertThat(only(verifyAfter(t -> t.put("backend", "cuda")), "HC012").field()).isEqualTo("/backend");

        ReceiptVerification ranOnCuda = verifyAfter(t -> {
            ((ObjectNode) t.withArray("kernel_stats").get(3)).put("calls", 5);
            ((ArrayNode) t.get("kernels")).add("matmul_f32_cuda");
            t.put("backend", "cuda");
        });
        assertThat(ids(ranOnCuda)).doesNotContain("HC012");

        ObjectNode bitnetGpu = Receipt.parse(
                "{\"schema_version\":\"1.0.0\",\"timestamp\":\"2025-01-15T10:30:00Z\",\"compute_path\":\"real\","
                        + "\"backend\":\"cuda\",\"kernels\":[\"i2s_gemv\"],\"corrections\":[]}", "x").tree();
        assertThat(ids(BITNET.verify(Receipt.of(bitnetGpu, "gpu.json")))).containsExactly("HC012");
        // i2s_gpu_* is in BitNet.rs's docs, not in its GPU_KERNEL_PATTERNS (xtask/src/main.rs:5310-5317)
        bitnetGpu.withArray("kernels").add("i2s_gpu_quantize");
        assertThat(ids(BITNET.verify(Receipt.of(bitnetGpu, "gpu.json")))).containsExactly("HC012");
        bitnetGpu.withArray("kernels").add("cublas_sgemm");
        assertThat(BITNET.verify(Receipt.of(bitnetGpu, "gpu.json")).violations()).isEmpty();
    }

    @Test
    void fallbackWithoutPermissionFailsAndWithPermissionPasses() {
        Consumer<ObjectNode> fellBack = t -> {
            ((ObjectNode) t.get("claims")).put("backend", "cuda");
            t.withArray("fallbacks").addObject().put("requested", "cuda").put("effective", "cpu-simd")
                    .put("reason_code", "NO_CUDA_DRIVER").put("detail", "libcuda.so.1 not found");
        };
        ReceiptVerification refused = verifyAfter(fellBack);
        assertThat(ids(refused)).containsExactlyInAnyOrder("HC012", "HC017");
        Violation fb = only(refused, "HC017");
        assertThat(fb.field()).isEqualTo("/fallbacks/0");
        assertThat(fb.message()).contains("fell back to 'cpu-simd' (NO_CUDA_DRIVER)");

        ReceiptVerification allowed = verifyAfter(fellBack.andThen(
                t -> ((ObjectNode) t.get("claims")).put("allow_fallback", true)));
        assertThat(allowed.violations()).as(allowed.describe()).isEmpty();

        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("claims")).put("allow_fallback", "yes")), "HC017")
                .message()).contains("must be a boolean");
    }

    // --- HC014-HC016 observations ---------------------------------------------------------------------------------

    @Test
    void kernelStatsMustBeWellFormed() {
        Violation negative = only(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(3))
                .put("calls", -1)), "HC014");
        assertThat(negative.field()).isEqualTo("/kernel_stats/3/calls");
        assertThat(negative.found()).isEqualTo("-1");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(3)).put("calls", "many")),
                "HC014").message()).contains("found a string");
        assertThat(ids(verifyAfter(t -> t.put("kernel_stats", "lots")))).contains("HC014");
        assertThat(only(verifyAfter(t -> t.remove("kernel_stats")), "HC014").found()).isEqualTo("<absent>");
    }

    @Test
    void timedCallsMustCountCallsThatNanosCovers() {
        // kernel_stats/0 of the good receipt: 64 calls, 0 failed, nanos 9000000
        assertThat(ids(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0)).put("timed_calls", 4))))
                .doesNotContain("HC014");
        Violation tooMany = only(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0))
                .put("timed_calls", 65)), "HC014");
        assertThat(tooMany.field()).isEqualTo("/kernel_stats/0/timed_calls");
        assertThat(tooMany.message()).contains("between 0 and calls + failed_calls (64)");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0)).put("timed_calls", "some")),
                "HC014").field()).isEqualTo("/kernel_stats/0/timed_calls");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0)).put("timed_calls", 4)
                .remove("nanos")), "HC014").message()).contains("timed_calls needs nanos >= 0 beside it");
    }

    @Test
    void aKernelListedButNotObservedIsDeclaredNotObserved() {
        Violation declared = only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("fused_attention")), "HC015");
        assertThat(declared.field()).isEqualTo("/kernels/3");
        assertThat(declared.message()).contains("'fused_attention' is declared, not observed");

        // Listed with a stats entry that never returned normally: still not observed.
        assertThat(only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).add("matmul_f32_cuda")), "HC015").message())
                .contains("declared, not observed");

        Violation missing = only(verifyAfter(t -> ((ArrayNode) t.get("kernels")).remove(2)), "HC015");
        assertThat(missing.field()).isEqualTo("/kernel_stats/2");
        assertThat(missing.message()).contains("'softmax_f32' ran 64 time(s) but is missing from kernels");
    }

    @Test
    void inactiveRecorderGivesTheArgLineHint() {
        Violation v = only(verifyAfter(t -> ((ObjectNode) t.get("recorder")).put("active", false)), "HC016");
        assertThat(v.field()).isEqualTo("/recorder/active");
        assertThat(v.found()).isEqualTo("false");
        assertThat(v.remedy()).isEqualTo(KernelRecorder.activationHint());
        assertThat(only(verifyAfter(t -> t.remove("recorder")), "HC016").found()).isEqualTo("<absent>");
    }

    // --- HC018-HC021 claims vs observations and host --------------------------------------------------------------

    @Test
    void claimsMustMatchObservedKernelsAndTheHost() {
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("claims")).put("backend", "cpu-avx512")), "HC018")
                .message()).contains("'cpu-avx512' is claimed but no kernel ran on it");

        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("claims")).put("simd_width_bits", 512)), "HC019")
                .message()).contains("preferred Vector API width is 256 bits");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("claims")).put("simd_width_bits", 300)), "HC019")
                .found()).isEqualTo("300");
        ReceiptVerification noVectorInfo = verifyAfter(t -> {
            ((ObjectNode) t.get("host")).remove("vector_api");
            ((ObjectNode) t.get("host")).putArray("cpu_features").add("sse2");
            ((ObjectNode) t.withArray("kernel_stats").get(0)).remove("requires");
        });
        assertThat(only(noVectorInfo, "HC019").message()).contains("none of [avx, avx2, avx512f, sve]");
        ReceiptVerification noSimdRan = verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0))
                .put("backend", "cpu"));
        assertThat(only(noSimdRan, "HC019").message()).contains("no cpu-simd kernel ran");

        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("claims")).put("quantization", "q4_k")), "HC020")
                .message()).contains("'q4_k' is claimed but no observed kernel id contains it");
    }

    @Test
    void aKernelNeedingAvx512OnAHostWithoutItIsALie() {
        Violation lie = only(verifyAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0))
                .putArray("requires").add("avx512f")), "HC021");
        assertThat(lie.field()).isEqualTo("/kernel_stats/0/requires");
        assertThat(lie.message()).contains("requires [avx512f], which the host does not have");

        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("host")).remove("cpu_features")), "HC021").message())
                .contains("host.cpu_features is absent");
        // NEON is "asimd" in aarch64 /proc/cpuinfo: the same feature.
        assertThat(ids(verifyAfter(t -> {
            ((ObjectNode) t.withArray("kernel_stats").get(0)).putArray("requires").add("neon");
            ((ObjectNode) t.get("host")).putArray("cpu_features").add("asimd").add("avx2");
        }))).doesNotContain("HC021");
    }

    // --- HC022-HC025 outcomes -------------------------------------------------------------------------------------

    @Test
    void failedTestsAndInconsistentCounts() {
        ReceiptVerification failed = verifyAfter(t -> ((ObjectNode) t.get("test_results")).put("failed", 1)
                .put("passed", 0));
        assertThat(ids(failed)).containsExactly("HC022");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("test_results")).put("failed", "0")), "HC022")
                .found()).isEqualTo("\"0\"");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("test_results")).remove("failed")), "HC022")
                .found()).isEqualTo("<absent>");
        assertThat(only(verifyAfter(t -> t.remove("test_results")), "HC022").field()).isEqualTo("/test_results");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("test_results")).put("total_tests", 5)), "HC023")
                .message()).contains("total_tests is 5 but passed + failed + skipped is 1");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("test_results")).put("skipped", -1)), "HC023")
                .found()).isEqualTo("-1");
    }

    @Test
    void correctionsMustBeEmpty() {
        assertThat(only(verifyAfter(t -> t.withArray("corrections").addObject().put("field", "x")), "HC024")
                .message()).contains("1 correction(s) applied");
        assertThat(only(verifyAfter(t -> t.remove("corrections")), "HC024").found()).isEqualTo("<absent>");
        assertThat(only(verifyAfter(t -> t.put("corrections", "none")), "HC024").message()).contains("found a string");
    }

    @Test
    void performanceNumbersMustBeFiniteAndPositive() {
        Consumer<ObjectNode> nan = t -> ((ObjectNode) t.get("performance_baseline")).put("tokens_per_second", "NaN");
        Violation v = only(verifyAfter(nan), "HC025");
        assertThat(v.field()).isEqualTo("/performance_baseline/tokens_per_second");
        assertThat(v.found()).isEqualTo("\"NaN\"");
        assertThat(v.message()).contains("found a string 'NaN'");

        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("performance_baseline"))
                .put("total_time_ms", new BigDecimal("1e400"))), "HC025").message()).contains("not finite");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("performance_baseline")).put("memory_usage_mb", 0)),
                "HC025").message()).contains("zero");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.get("performance_baseline")).remove("tokens_per_second")),
                "HC025").found()).isEqualTo("<absent>");
        assertThat(only(verifyAfter(t -> ((ArrayNode) t.withArray("performance").get(0).get("samples_ms")).add(-0.5)),
                "HC025").field()).isEqualTo("/performance/0/samples_ms/5");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.withArray("performance").get(0).get("latency"))
                .put("p50_ms", 0)), "HC025").field()).isEqualTo("/performance/0/latency/p50_ms");
        assertThat(only(verifyAfter(t -> ((ObjectNode) t.withArray("performance").get(0).get("resources"))
                .put("gc_count", -3)), "HC025").field()).isEqualTo("/performance/0/resources/gc_count");
        assertThat(only(verifyAfter(t -> t.put("performance", "fast")), "HC025").message())
                .contains("found a string");
    }

    @Test
    void garbageOfEveryShapeBecomesViolationsNeverExceptions() throws Exception {
        String[] receipts = {
            "{}",
            "{\"kernels\":{\"a\":1},\"kernel_stats\":\"x\",\"claims\":[],\"host\":5,\"performance\":[[-1,\"x\"]],"
                    + "\"test_results\":[],\"fallbacks\":{},\"recorder\":\"on\",\"performance_baseline\":7}",
            "{\"kernel_stats\":[null,1,{\"id\":5,\"calls\":1e300,\"requires\":\"avx2\"}],\"kernels\":[null],"
                    + "\"claims\":{\"backend\":5,\"simd_width_bits\":\"wide\",\"quantization\":[]},"
                    + "\"host\":{\"cpu_features\":[1]}}",
        };
        for (String json : receipts) {
            for (ReceiptVerifier verifier : List.of(DEFAULT, BITNET, BITNET_STRICT)) {
                ReceiptVerification result = verifier.verify(Receipt.parse(json, "garbage.json"));
                assertThat(result.passed()).as(json).isFalse();
                assertThat(result.violations()).allSatisfy(v -> {
                    assertThat(v.message()).doesNotContain("could not evaluate");
                    assertThat(v.field()).startsWith("/");
                });
            }
        }
    }

    @Test
    void describeAndJsonNameFileRuleFieldFoundAndRemedy() throws Exception {
        ReceiptVerification result = BITNET_STRICT.verify(BitnetReceipts.mockRun());
        assertThat(result.describe())
                .startsWith(BitnetReceipts.mockRun() + ": FAILED (policy bitnet-strict, 3 error(s), 0 warning(s))")
                .contains("HC003 ERROR /compute_path", "found:  \"mock\"", "remedy: run the test against the real");
        ObjectNode json = result.toJson();
        assertThat(json.path("passed").asBoolean(true)).isFalse();
        assertThat(json.path("violations").get(0).path("rule_id").asText()).isEqualTo("HC003");
        assertThat(json.path("violations").get(2).path("found").asText()).isEqualTo("-1");
        assertThat(json.path("violations").get(2).path("field").asText())
                .isEqualTo("/performance_baseline/tokens_per_second");
    }

    @Test
    void aMultiLineMessageIsIndentedUnderItsReason() throws Exception {
        ReceiptVerification result = BITNET.verify(BitnetReceipts.path("cpu-no-quantized.json"));
        String nl = System.lineSeparator();
        assertThat(result.describe()).contains(
                "    reason: CPU backend verification failed: no quantized kernels found." + nl + nl
                        + "            Expected CPU quantized kernels (prefixes): i2s_*, tl1_*, tl2_*" + nl
                        + "            Actual kernels: [\"rope_apply\", \"softmax_f32\", \"attention_real\"]" + nl);
    }
}
