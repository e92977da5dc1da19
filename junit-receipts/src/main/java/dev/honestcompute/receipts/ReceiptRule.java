package dev.honestcompute.receipts;

import java.util.Locale;

/**
 * Every rule the {@link ReceiptVerifier} checks, with a stable id ({@code HC001}...), a title and the remedy users
 * read. Ids never change meaning and are never reused; the docs list the rules by id.
 *
 * <pre>{@code
 * ReceiptRule rule = ReceiptRule.byId("HC003");     // COMPUTE_PATH_REAL
 * System.out.println(rule.title() + ": " + rule.remedy());
 * }</pre>
 */
public enum ReceiptRule {

    SCHEMA_VERSION("HC001", "schema_version is a known version (major 1; BitNet.rs: exactly 1.0.0 or 1.0)",
            "write schema_version \"1.0.0\"; a receipt from a newer major version needs a newer verifier"),
    TIMESTAMP("HC002", "timestamp is an ISO-8601 date-time with offset",
            "write the time the receipt was produced, e.g. \"2026-11-23T10:00:00Z\""),
    COMPUTE_PATH_REAL("HC003", "compute_path is \"real\"",
            "run the test against the real engine; mock compute cannot produce a passing receipt"),
    BACKEND("HC004", "backend names the backend that was observed",
            "let the recorder fill in backend from the kernels that ran; do not write it by hand"),
    KERNELS_PRESENT("HC005", "kernels is a non-empty array",
            "make sure the engine's kernels are instrumented (@Kernel or the kernels config) and actually run"),
    KERNEL_ID_STRING("HC006", "every kernel id is a string",
            "kernel ids are strings written by the recorder; regenerate the receipt"),
    KERNEL_ID_BLANK("HC007", "no kernel id is empty or blank",
            "give every @Kernel a non-blank id"),
    KERNEL_ID_TOO_LONG("HC008", "every kernel id has at most 128 characters (BitNet.rs: 128 UTF-8 bytes)",
            "shorten the @Kernel id to 128 characters or fewer (128 bytes of UTF-8 for BitNet.rs)"),
    TOO_MANY_KERNELS("HC009", "kernels has at most 10,000 entries",
            "a receipt lists distinct kernel ids; more than 10,000 means ids are generated per call: make them stable"),
    DUPLICATE_KERNEL("HC010", "kernel ids are not repeated",
            "list each kernel id once (the recorder aggregates calls per id)"),
    MOCK_KERNEL("HC011", "no kernel id contains \"mock\"",
            "a mock kernel ran on a receipt path: remove the mock from production code or rename a real kernel"),
    GPU_KERNELS_REQUIRED("HC012", "a GPU backend has observed GPU kernels (BitNet.rs: a cuda backend lists a GPU "
            + "kernel id)",
            "a receipt that claims a GPU backend must show GPU kernels that ran; run on a GPU host or claim the "
                    + "CPU backend"),
    CPU_QUANTIZED_KERNEL_REQUIRED("HC013", "a CPU receipt shows a quantized kernel (i2s_*, tl1_*, tl2_*; not a GPU "
            + "or fallback id)",
            "BitNet.rs CPU receipts must show at least one quantized kernel; a receipt without one fell back to "
                    + "dequantized or mock compute"),
    KERNEL_STATS_SHAPE("HC014", "kernel_stats entries are well-formed observations",
            "kernel_stats is written by the recorder: an array of {id, backend, calls, failed_calls[, nanos, "
                    + "requires]} with non-negative integer counts; regenerate the receipt"),
    KERNELS_NOT_OBSERVED("HC015", "kernels equals the kernel_stats ids with calls > 0",
            "kernels must come only from observations: do not add ids by hand, and do not drop observed ones"),
    RECORDER_INACTIVE("HC016", "the kernel recorder was active",
            "load the recorder agent: " + dev.honestcompute.recorder.KernelRecorder.activationHint()),
    FALLBACK_NOT_ALLOWED("HC017", "the claimed backend did not fall back, or fallback was allowed",
            "fix the requested backend on this host, or set claims.allow_fallback=true if a fallback is acceptable"),
    CLAIMED_BACKEND_NOT_OBSERVED("HC018", "claims.backend matches the backends of observed kernels",
            "claim only a backend whose kernels ran, or make the engine run on the claimed backend"),
    CLAIMED_SIMD_WIDTH("HC019", "claims.simd_width_bits is backed by observed SIMD kernels and the host",
            "claim a SIMD width only when cpu-simd kernels ran and the host supports it (see host.cpu_features, "
                    + "host.vector_api)"),
    CLAIMED_QUANTIZATION("HC020", "the claimed quantization matches observed kernel ids",
            "claim the quantization whose kernels ran (a q8_0 claim needs a kernel id containing q8_0)"),
    HOST_FEATURE_MISSING("HC021", "kernels that ran only require CPU features the host has",
            "a kernel that needs a CPU feature the host lacks cannot have run: fix the kernel's requires or the "
                    + "dispatch that picked it"),
    TESTS_FAILED("HC022", "test_results.failed is 0",
            "fix the failing tests; a receipt of a failed run does not prove anything"),
    TEST_COUNTS("HC023", "test_results counts are non-negative integers that add up",
            "total_tests must equal passed + failed + skipped; regenerate the receipt"),
    CORRECTIONS_NOT_EMPTY("HC024", "corrections is an empty array",
            "production receipts must not carry applied corrections; remove the correction and re-run"),
    PERFORMANCE_NUMBER("HC025", "performance numbers are finite and positive",
            "performance numbers come from a real measurement; re-run it (a negative, zero or non-numeric value "
                    + "means the benchmark failed)"),
    MOCK_LEAK("HC026", "no mock compute was reached in the test's production window",
            "remove the mock (a @MockCompute class, a mock package, a Mockito mock called by engine code) from the "
                    + "production path; catching MockComputeLeakError changes nothing, the leak is recorded"),
    FORGED_EVIDENCE("HC027", "no code tried to forge evidence in the test's window",
            "remove the code named in recorder.forgeries: evidence comes only from the recorder's instrumentation "
                    + "(no test may call the recorder's internals, reflect on Honest Compute's classes, or declare "
                    + "classes in its packages)"),
    FAILED_KERNEL_CALLS("HC028", "no kernel call failed, unless the test expects failures",
            "a kernel that threw mid-forward did not compute what the test asserted on: fix the failure, or declare "
                    + "@EmitsReceipt(expectFailedKernels = true) when the test exercises an error path"),
    UNVERIFIED_BACKEND("HC029", "every kernel that ran has evidence for its backend",
            "a cuda kernel needs a device launch observed inside it (JCuda, cuBLAS); a cpu-simd kernel's class must use "
                    + "the Vector API or native code; a third-party evidence source must be trusted explicitly: "
                    + "fix the declaration (backend cpu) or the engine, see kernel_stats[].unverified"),
    GPU_KERNEL_WITHOUT_GPU("HC030", "GPU kernels ran only on a host with a GPU",
            "the host fingerprint lists no GPU (host.gpus), so a GPU kernel cannot have run here: run on a GPU host, "
                    + "or find the driver stand-in that reported success"),
    DETERMINISM_CACHED("HC031", "every determinism run ran the engine",
            "each @CheckDeterminism run must make about as many kernel calls as the first (at least "
                    + "half): an engine that memoizes outputs by input replays instead of computing; disable the cache in "
                    + "the test"),
    PERF_WITHOUT_KERNELS("HC032", "every measured performance iteration ran kernels",
            "the measured part of @MeasurePerformance made no kernel call: it timed a cache, a sleep or a stub; "
                    + "measure the engine's real work"),
    PERF_CACHING("HC033", "repeated performance iterations stay at least half as expensive as the first",
            "kernel calls per unit dropped below half of the first iteration's: the engine served repeated input from "
                    + "a cache (MLPerf TEST04's idea); disable the cache or vary the input"),
    PARITY_ENGINE_KERNELS("HC034", "the engine under test ran its own kernels in every parity check",
            "a parity check whose engine under test ran no kernel (or only the reference's) compared a replayed table; "
                    + "make the engine under test compute, and use an independent reference"),
    ONLY_FALLBACK_KERNELS("HC045", "kernels are not only FP32 fallback kernels (fp32_*, fallback_*, dequant_*, "
            + "matmul_f32, *_dequant)",
            "BitNet.rs reads a receipt with fallback kernels and no quantized one (i2s_, tl1_, tl2_, gemm_i2s_, "
                    + "wmma_i2s_, quantize_ anywhere in an id) as a silent FP32 fallback: run the quantized kernels"),
    BITNET_READABLE("HC046", "the receipt is JSON that BitNet.rs reads (UTF-8 without a byte-order mark, no NUL, "
            + "paired surrogates, numbers within double range)",
            "write the receipt as plain UTF-8 JSON, as serde_json does: no byte-order mark, no UTF-16, no lone "
                    + "\\uD800-style escapes, no numbers such as 1e400");

    private final String id;
    private final String title;
    private final String remedy;

    ReceiptRule(String id, String title, String remedy) {
        this.id = id;
        this.title = title;
        this.remedy = remedy;
    }

    /** The stable id, e.g. {@code "HC003"}. */
    public String id() {
        return id;
    }

    /** What the rule requires, in one line. */
    public String title() {
        return title;
    }

    /** What to do when the rule is violated. */
    public String remedy() {
        return remedy;
    }

    /** The rule with this id (case-insensitive). */
    public static ReceiptRule byId(String id) {
        for (ReceiptRule r : values()) {
            if (r.id.equalsIgnoreCase(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown receipt rule id '" + id + "'; rule ids are HC001.."
                + values()[values().length - 1].id.toUpperCase(Locale.ROOT));
    }
}
