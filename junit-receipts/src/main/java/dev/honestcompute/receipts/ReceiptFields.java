package dev.honestcompute.receipts;

/**
 * The JSON field names of a receipt, in one place for the verifier, the schema test, the reports and users' own
 * tooling.
 *
 * <p>A receipt is a BitNet.rs schema 1.0.0 document (the first group of fields, read by BitNet's own verifier) plus
 * Honest Compute's sections (the second group). Unknown fields are kept: a receipt read and written back is
 * byte-for-byte the same JSON tree.
 *
 * <pre>{@code
 * {
 *   "schema_version": "1.0.0",            // BitNet.rs 1.0.0
 *   "timestamp": "2026-11-23T10:00:00Z",
 *   "compute_path": "real",               // "real" or "mock"
 *   "backend": "cpu-simd",                // the backend observed (fallbacks included)
 *   "kernels": ["matmul_f32_simd"],       // ids of kernels that returned normally, sorted
 *   "deterministic": false,
 *   "environment": {"JAVA_VERSION": "25.0.1", ...},
 *   "model_info": {...},                  // optional
 *   "test_results": {"total_tests": 1, "passed": 1, "failed": 0, "skipped": 0},
 *   "performance_baseline": {...},        // optional, BitNet field names
 *   "corrections": [],
 *
 *   "test": {"unique_id": "...", "class": "...", "method": "...", "display_name": "...", "status": "passed"},
 *   "claims": {"backend": "cpu-simd", "allow_fallback": false,    // what @EmitsReceipt claims; checked, not trusted
 *              "simd_width_bits": 256, "quantization": "q8_0",   // both optional
 *              "expect_failed_kernels": false},
 *   "recorder": {"active": true, "background_calls": 0, "propagation": "full: ...",
 *                "mock_leaks": [], "forgeries": [], "evidence_unavailable": [], "evidence": [],
 *                "engine_calls": {"ai.onnxruntime.OrtSession.run": 2},
 *                "engine_facts": [{"name": "jlama.tensor_operations", "value": "...", "source": "jlama-provider"}],
 *                "skipped_kernels": ["@Kernel(id = \"gemm\") on ...: the method is abstract ..."],  // this JVM's, so far
 *                "unmatched_config": ["config entry matched no class loaded so far: kernels.json#/kernels/0 ..."]},
 *   "kernel_stats": [{"id": "...", "backend": "cpu-simd", "calls": 42, "failed_calls": 0, "nanos": 1234,
 *                     "requires": ["avx2", "fma"],       // requires: from @Kernel(requires), only when declared
 *                     "source": "agent", "evidence": "instrumentation",  // who observed it, and how
 *                     "unverified": "..."}],              // only when the declared backend is not backed
 *   "fallbacks": [{"requested": "cuda", "effective": "cpu", "reason_code": "NO_CUDA_DRIVER", "detail": "..."}],
 *   "fixtures": [{"name": "tiny-llama", "sha256": "...", "size_bytes": 123}],
 *   "host": {...},
 *   "parity": {...}, "performance": {...}, "determinism": {...},  // optional sections, written by the library
 *   "notes": {"...": "..."},                                      // optional, stated by the test, never evidence
 *   "build_id": "20261123T100000.123Z"                            // the build that wrote it, also in run-summary.json
 * }
 * }</pre>
 */
public final class ReceiptFields {

    /** The schema version this library writes. */
    public static final String CURRENT_SCHEMA_VERSION = "1.0.0";

    // BitNet.rs schema 1.0.0
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String TIMESTAMP = "timestamp";
    public static final String COMPUTE_PATH = "compute_path";
    public static final String BACKEND = "backend";
    public static final String KERNELS = "kernels";
    public static final String DETERMINISTIC = "deterministic";
    public static final String ENVIRONMENT = "environment";
    public static final String MODEL_INFO = "model_info";
    public static final String TEST_RESULTS = "test_results";
    public static final String PERFORMANCE_BASELINE = "performance_baseline";
    public static final String CORRECTIONS = "corrections";
    public static final String PARITY = "parity";

    // test_results
    public static final String TOTAL_TESTS = "total_tests";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    // Honest Compute sections
    /**
     * The id of the build that wrote the receipt (system property / configuration parameter
     * {@code honestcompute.build.id}, one per {@code mvn} invocation); the run summary records the same id.
     */
    public static final String BUILD_ID = "build_id";
    public static final String TEST = "test";
    public static final String CLAIMS = "claims";
    public static final String RECORDER = "recorder";
    public static final String KERNEL_STATS = "kernel_stats";
    public static final String FALLBACKS = "fallbacks";
    public static final String FIXTURES = "fixtures";
    public static final String HOST = "host";
    public static final String PERFORMANCE = "performance";
    public static final String DETERMINISM = "determinism";
    /** The one section test code may write: free-form, labelled "stated by the test", never evidence. */
    public static final String NOTES = "notes";

    // test
    public static final String UNIQUE_ID = "unique_id";
    public static final String CLASS = "class";
    public static final String METHOD = "method";
    public static final String DISPLAY_NAME = "display_name";
    public static final String STATUS = "status";
    public static final String FAILURE = "failure";

    // claims
    public static final String ALLOW_FALLBACK = "allow_fallback";
    public static final String SIMD_WIDTH_BITS = "simd_width_bits";
    public static final String QUANTIZATION = "quantization";
    public static final String EXPECT_FAILED_KERNELS = "expect_failed_kernels";

    // recorder
    public static final String ACTIVE = "active";
    /** Kernel calls made, while the window was open, by work no window's context reached; never credited. */
    public static final String BACKGROUND_CALLS = "background_calls";
    public static final String PROPAGATION = "propagation";
    public static final String MOCK_LEAKS = "mock_leaks";
    public static final String FORGERIES = "forgeries";
    public static final String EVIDENCE_UNAVAILABLE = "evidence_unavailable";
    public static final String EVIDENCE = "evidence";
    /** {@code recorder.engine_calls}: probed engine entry points that ran ({@code OrtSession.run}), never kernels. */
    public static final String ENGINE_CALLS = "engine_calls";
    /** {@code recorder.engine_facts}: what engines' own evidence stated about their configuration (never kernels). */
    public static final String ENGINE_FACTS = "engine_facts";
    /**
     * {@code recorder.skipped_kernels}: kernels this JVM's agent left uninstrumented so far ({@code @Kernel} on an
     * abstract or native method, a class it could not instrument), one line each; HC005 names them.
     */
    public static final String SKIPPED_KERNELS = "skipped_kernels";
    /**
     * {@code recorder.unmatched_config}: the project's kernels-config entries (not the recorder's built-in ones) that
     * matched no class loaded so far; HC005 names them.
     */
    public static final String UNMATCHED_CONFIG = "unmatched_config";

    // kernel_stats
    public static final String ID = "id";
    public static final String CALLS = "calls";
    public static final String FAILED_CALLS = "failed_calls";
    public static final String NANOS = "nanos";
    /** Present only when {@code nanos} covers a sample of the calls (recorder timing {@code sampled}). */
    public static final String TIMED_CALLS = "timed_calls";
    public static final String REQUIRES = "requires";
    public static final String SOURCE = "source";
    public static final String UNVERIFIED = "unverified";

    // fallbacks
    public static final String REQUESTED = "requested";
    public static final String EFFECTIVE = "effective";
    public static final String REASON_CODE = "reason_code";
    public static final String DETAIL = "detail";

    // fixtures
    public static final String NAME = "name";
    public static final String SHA256 = "sha256";
    public static final String SIZE_BYTES = "size_bytes";

    /** {@code compute_path} value of a receipt that claims real compute. */
    public static final String REAL = "real";
    /** {@code compute_path} value of a receipt that admits mock compute. */
    public static final String MOCK = "mock";

    private ReceiptFields() {
    }
}
