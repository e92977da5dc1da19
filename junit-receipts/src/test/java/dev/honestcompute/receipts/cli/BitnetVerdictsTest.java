package dev.honestcompute.receipts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.BitnetReceipts;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.honestcompute.receipts.cli.ReceiptsCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BitNet.rs's verdict on each receipt of {@code src/test/resources/dev/honestcompute/receipts/bitnet/}, through the
 * {@code verify} command: {@code --policy bitnet} must give BitNet.rs's {@code xtask verify-receipt} result (pass, or
 * the one rule and message it stops at), its exit code under {@code --exit-codes bitnet}, and {@code --policy
 * bitnet-strict} the listed errors.
 *
 * <p>Read from EffortlessMetrics/BitNet-rs at commit f2ae3adc01e2bdfb8c046d8847f82500749ac6fa. "main.rs:N" is a line
 * of {@code xtask/src/main.rs}; "hardened" is {@code xtask/tests/verify_receipt_hardened.rs}, "cmd" is
 * {@code xtask/tests/verify_receipt_cmd.rs}. Each row cites what it reproduces; rows without a BitNet.rs test are
 * read from the code and say so.
 */
class BitnetVerdictsTest {

    static final String GPU_TAIL = """
            Expected (examples): gemm_*, wmma_*, cublas_*, cutlass_*, cuda_*, tl1_gpu_*, tl2_gpu_*, i2s_(quantize|dequantize)
            Actual kernels: %s

            This likely indicates silent CPU fallback. Verify:
            1) GPU build: cargo build --features gpu
            2) CUDA runtime: nvidia-smi
            3) Device selection: Device::Cuda(0) in inference""";

    /** main.rs:5707-5719, for a cuda backend. */
    static String gpuForCuda(String debugKernels) {
        return "GPU kernel verification required (backend is 'cuda') but no GPU kernels found.\n"
                + GPU_TAIL.formatted(debugKernels);
    }

    /** main.rs:5707-5719, for --require-gpu-kernels on another backend. */
    static String gpuForFlag(String debugKernels) {
        return "GPU kernel verification required (--require-gpu-kernels flag set) but no GPU kernels found.\n"
                + GPU_TAIL.formatted(debugKernels);
    }

    /** main.rs:5589-5598, when no kernel is a fallback kernel. */
    static String cpuWithoutFallbacks(String debugKernels) {
        return """
                CPU backend verification failed: no quantized kernels found.

                Expected CPU quantized kernels (prefixes): i2s_*, tl1_*, tl2_*
                Actual kernels: %s

                This indicates no quantization path. Ensure:
                1) Build with quantization: cargo build --no-default-features --features cpu
                2) Quantization layers enabled in model""".formatted(debugKernels);
    }

    /** main.rs:5574-5588, when some kernels are fallback kernels. */
    static String cpuWithFallbacks(int count, String debugFallbacks, String debugKernels) {
        return """
                CPU backend verification failed: no quantized kernels found; %d fallback patterns detected.
                Fallback kernels: %s

                Expected CPU quantized kernels (prefixes): i2s_*, tl1_*, tl2_*
                Actual kernels: %s

                This indicates FP32 fallback path. Ensure:
                1) Build with quantization: cargo build --no-default-features --features cpu
                2) Quantization layers enabled in model
                3) QuantizedLinear used (not standard Linear)
                4) Strict mode: BITNET_STRICT_MODE=1""".formatted(count, debugFallbacks, debugKernels);
    }

    /** main.rs:5464-5470. */
    static String onlyFallbacks(String debugFallbacks) {
        return """
                Receipt claims quantized computation (compute_path='real') but only FP32 fallback kernels found.
                Fallback kernels detected: %s
                Expected: At least one quantized kernel (i2s_*, tl1_*, tl2_*, gemm_i2s_*)
                This indicates silent FP32 fallback without native quantized inference.""".formatted(debugFallbacks);
    }

    static final String MOCK = "compute_path must be 'real' (got 'mock') \u2014 mock inference not allowed";

    /**
     * One receipt and BitNet.rs's verdict. {@code rule}/{@code field}/{@code message}: the one ERROR BitNet.rs stops
     * at ({@code null}: it passes); {@code exit}: BitNet.rs's exit code; {@code warning}: the HC010 pointer when it
     * warns about duplicates; {@code strict}: the error rule ids under bitnet-strict. A message containing
     * {@code $PATH} is completed with the file's path.
     */
    record Row(String file, List<String> flags, String rule, String field, String message, int exit, String warning,
               List<String> strict) {

        Row strict(String... ids) {
            return new Row(file, flags, rule, field, message, exit, warning, List.of(ids));
        }

        Row warns(String pointer) {
            return new Row(file, flags, rule, field, message, exit, pointer, strict);
        }

        Row with(String... flag) {
            return new Row(file, List.of(flag), rule, field, message, exit, warning, strict);
        }

        @Override
        public String toString() {
            return file + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
        }
    }

    static Row passes(String file) {
        return new Row(file, List.of(), null, null, null, 0, null, List.of());
    }

    /** Fails on {@code rule} at {@code field}; {@code strict} starts with the same rule unless changed. */
    static Row fails(String file, String rule, String field, int exit, String message) {
        return new Row(file, List.of(), rule, field, message, exit, null, List.of(rule));
    }

    static final List<Row> ROWS = List.of(
            // --- the documented positive and negative situations, with every field of schema 1.0.0 -------------
            // hardened test_cpu_with_quantized_kernels_passes, cmd test_verify_receipt_valid
            passes("cpu-full-quantized.json"),
            // hardened test_mock_compute_path_fails; main.rs:5648 bails before kernels[] (empty here) is read
            fails("mock-run-full.json", "HC003", "/compute_path", 14, MOCK).strict("HC003", "HC022", "HC025"),
            // write_inference_receipt's shape (main.rs:5505-5524): top-level tokens_per_second, model.path
            passes("benchmark-cpu.json"),
            // tokens_per_second is never read by verify_receipt_cmd (issue 20: HC025 failed this)
            passes("benchmark-zero-tokens-per-second.json").strict("HC025"),

            // --- schema_version, main.rs:5633-5640 ------------------------------------------------------------
            passes("schema-1.0.json"),
            // exactly "1.0.0" or "1.0" (issue 20: our 1.x was a warning)
            fails("schema-1.0.1.json", "HC001", "/schema_version", 14,
                    "Unsupported schema_version '1.0.1' (expected '1.0.0' or '1.0')"),
            // hardened test_schema_version_validation
            fails("schema-missing.json", "HC001", "/schema_version", 14, "Receipt missing 'schema_version' field"),
            // as_str() of a number is None: "missing" too
            fails("schema-number.json", "HC001", "/schema_version", 14, "Receipt missing 'schema_version' field"),
            // first failure only: the mock compute_path after it is never reached
            fails("schema-2-and-mock.json", "HC001", "/schema_version", 14,
                    "Unsupported schema_version '2.0.0' (expected '1.0.0' or '1.0')"),

            // --- timestamp: never read (issue 20: HC002); bitnet-strict checks it as the docs say -------------
            passes("timestamp-missing.json").strict("HC002"),
            passes("timestamp-not-a-date.json").strict("HC002"),

            // --- compute_path, main.rs:5643-5650 --------------------------------------------------------------
            fails("compute-path-missing.json", "HC003", "/compute_path", 14, "Receipt missing 'compute_path' field"),
            // compared exactly: "Real" is not "real"
            fails("compute-path-capitalized.json", "HC003", "/compute_path", 14,
                    "compute_path must be 'real' (got 'Real') \u2014 mock inference not allowed"),

            // --- kernels[], main.rs:5657-5686 -----------------------------------------------------------------
            fails("kernels-missing.json", "HC005", "/kernels", 14, "Receipt missing 'kernels' array"),
            // issue_462_receipt_validation_tests.rs test_ac3_receipt_invalid_kernel_type
            fails("kernels-a-string.json", "HC005", "/kernels", 14, "Receipt missing 'kernels' array"),
            // hardened test_cpu_with_empty_kernels_fails, cmd test_verify_receipt_missing_kernels
            fails("kernels-empty.json", "HC005", "/kernels", 14,
                    "Receipt has empty kernels[] \u2014 requires at least one real kernel"),
            fails("kernel-number.json", "HC006", "/kernels/1", 14, "All entries in kernels[] must be strings"),
            // the string check (5665) runs before the blank check (5673)
            fails("kernel-blank-before-number.json", "HC006", "/kernels/1", 14,
                    "All entries in kernels[] must be strings"),
            // hardened test_empty_kernel_ids_rejected
            fails("kernel-empty-string.json", "HC007", "/kernels/1", 14, "kernels[] contains empty kernel ID"),
            // str::trim removes U+00A0 (Unicode White_Space); Java's isBlank does not
            fails("kernel-no-break-space.json", "HC007", "/kernels/1", 14, "kernels[] contains empty kernel ID"),
            // ...and str::trim keeps U+001F, which Java's isBlank removes: not blank to BitNet.rs
            passes("kernel-unit-separator.json"),
            // the blank pass (5673) runs over all ids before the length pass (5678)
            fails("kernel-long-before-blank.json", "HC007", "/kernels/1", 14, "kernels[] contains empty kernel ID"),
            passes("kernel-128-bytes.json"),
            fails("kernel-129-bytes.json", "HC008", "/kernels/0", 14,
                    "kernels[] contains kernel ID longer than 128 characters"),
            // s.len() counts UTF-8 bytes: 74 characters, 144 bytes (issue 20: we counted characters)
            fails("kernel-74-chars-144-bytes.json", "HC008", "/kernels/0", 14,
                    "kernels[] contains kernel ID longer than 128 characters"),
            // main.rs:5688-5693: a warning on stderr, then the receipt passes
            passes("kernel-duplicate.json").warns("/kernels/2"),

            // --- GPU kernels, main.rs:5696-5720 and GPU_KERNEL_PATTERNS 5308-5324 --------------------------------
            // hardened test_gpu_with_gpu_kernels_passes / test_gpu_kernel_prefix_validation
            passes("cuda-gpu-kernels.json"),
            // hardened test_gpu_cpu_kernels_only_fails and test_gpu_backend_auto_enforcement (no flag needed)
            fails("cuda-cpu-kernels.json", "HC012", "/backend", 14,
                    gpuForCuda("[String(\"i2s_gemv\"), String(\"tl1_matmul\")]")),
            // eq_ignore_ascii_case("cuda"); bitnet-strict's backend must be lower-case as documented
            fails("cuda-uppercase-backend.json", "HC012", "/backend", 14, gpuForCuda("[String(\"i2s_gemv\")]"))
                    .strict("HC012", "HC004"),
            // main.rs test_is_gpu_kernel_id: i2s_quantize / i2s_dequantize are GPU ids, exactly
            passes("cuda-i2s-quantize.json"),
            fails("cuda-i2s-quantize-suffix.json", "HC012", "/backend", 14,
                    gpuForCuda("[String(\"i2s_quantize_v2\")]")),
            // i2s_gpu_* is in BitNet.rs's docs, not in GPU_KERNEL_PATTERNS (our old list had it)
            fails("cuda-i2s-gpu-prefix.json", "HC012", "/backend", 14, gpuForCuda("[String(\"i2s_gpu_gemm\")]")),
            // cublas_ and cutlass_ are (our old list lacked them); main.rs test_is_gpu_kernel_id
            passes("cuda-cublas-cutlass.json"),
            // the patterns are case-sensitive regexes
            fails("cuda-uppercase-kernel.json", "HC012", "/backend", 14, gpuForCuda("[String(\"CUDA_gemm\")]")),
            // the duplicate warning (5692) comes before the GPU check fails
            fails("cuda-duplicate-cpu-kernels.json", "HC012", "/backend", 14,
                    gpuForCuda("[String(\"i2s_gemv\"), String(\"i2s_gemv\")]")).warns("/kernels/1"),
            // only "cuda" requires GPU kernels (our old rule applied to metal too)
            passes("metal-quantized.json"),
            // --require-gpu-kernels on a cpu receipt: a GPU id is enough, and the CPU rule still passes
            passes("cpu-with-gpu-kernel.json").with("--require-gpu-kernels"),
            // ...the GPU check (5697) comes before the CPU check (5724)
            new Row("cpu-no-quantized-no-gpu.json", List.of("--require-gpu-kernels"), "HC012", "/kernels",
                    gpuForFlag("[String(\"rope_apply\")]"), 14, null, List.of("HC012")),
            // ...and a cuda backend names itself as the reason even with the flag (5701)
            fails("cuda-cpu-kernels.json", "HC012", "/backend", 14,
                    gpuForCuda("[String(\"i2s_gemv\"), String(\"tl1_matmul\")]")).with("--require-gpu-kernels"),

            // --- CPU quantized kernels, validate_cpu_backend_kernels main.rs:5551-5602 --------------------------
            // hardened test_cpu_no_quant_kernels_fails
            fails("cpu-no-quantized.json", "HC013", "/kernels", 15,
                    cpuWithoutFallbacks("[\"rope_apply\", \"softmax_f32\", \"attention_real\"]")),
            // hardened test_cpu_fallback_only_fails; i2s_dequant has the i2s_ prefix but is a fallback (5374)
            fails("cpu-fallback-only.json", "HC013", "/kernels", 15, cpuWithFallbacks(5,
                    "[\"fp32_matmul\", \"dequant_i2s\", \"fallback_gemm\", \"matmul_f32\", \"i2s_dequant\"]",
                    "[\"fp32_matmul\", \"dequant_i2s\", \"fallback_gemm\", \"matmul_f32\", \"i2s_dequant\", "
                            + "\"rope_apply\"]")),
            // GPU ids are excluded from the CPU rule (5373)
            fails("cpu-gpu-ids-only.json", "HC013", "/kernels", 15,
                    cpuWithoutFallbacks("[\"i2s_quantize\", \"i2s_dequantize\"]")),
            // hardened test_cpu_contains_trap_fails: a prefix, not "contains"
            fails("cpu-contains-not-prefix.json", "HC013", "/kernels", 15,
                    cpuWithoutFallbacks("[\"dequantize_i2s_helper\", \"rope_apply\"]")),
            // the backend compares case-insensitively (5557)
            fails("cpu-uppercase-backend.json", "HC013", "/kernels", 15, cpuWithoutFallbacks("[\"rope_apply\"]"))
                    .strict("HC013", "HC004"),
            // the prefixes do not
            fails("cpu-uppercase-kernel.json", "HC013", "/kernels", 15, cpuWithoutFallbacks("[\"I2S_GEMV\"]")),
            // i2s_cpu_* is excluded from the GPU ids (5341), so it is a CPU quantized kernel
            passes("cpu-i2s-cpu-prefix.json"),
            // a missing backend is "cpu" (5653)...
            fails("backend-missing-no-quantized.json", "HC013", "/kernels", 15, cpuWithoutFallbacks("[\"rope_apply\"]"))
                    .strict("HC013", "HC004"),
            // ...and so is a backend that is not a string
            fails("backend-number-no-quantized.json", "HC013", "/kernels", 15, cpuWithoutFallbacks("[\"rope_apply\"]"))
                    .strict("HC013", "HC004"),
            passes("backend-missing-quantized.json").strict("HC004"),

            // --- only fallback kernels, verify_quantization_claims main.rs:5438-5474 (unreachable for cpu) ------
            fails("cuda-fallback-only.json", "HC045", "/kernels", 14, onlyFallbacks("[\"fp32_matmul\"]")),
            // "Allows mixed quantized + fallback": gemm_i2s_ is quantized
            passes("cuda-fallback-and-quantized.json"),
            fails("metal-fallback-only.json", "HC045", "/kernels", 14,
                    onlyFallbacks("[\"matmul_f32\", \"softmax_dequant\"]")),
            // no fallback id, no quantized id: nothing to say (bitnet-strict: vulkan is no documented backend)
            passes("vulkan-no-fallback.json").strict("HC004"),
            // is_quantized_kernel_id uses contains: "dequantize_weights" holds "quantize_"
            passes("metal-quantize-anywhere.json"),

            // --- fields verify-receipt never reads (issue 20); bitnet-strict's own rules ------------------------
            // model_info is not read (issue 20: HC020 wanted "i2_s" in an id); bitnet-strict normalizes I2_S to i2s
            passes("model-info-i2-s.json"),
            passes("model-info-tl2-but-i2s-kernels.json").strict("HC020"),
            passes("test-results-failed.json").strict("HC022"),
            passes("corrections-applied.json").strict("HC024"),
            // "mock" inside a kernel id is not checked; only compute_path is
            passes("mock-kernel-id.json").strict("HC011"),
            // the backend's value is not checked (our old bitnet policy wanted cpu|cuda|metal)
            passes("backend-tpu.json").strict("HC004"),
            passes("performance-negative.json").strict("HC025", "HC025"),

            // --- the exit code follows the words of the message, classify_exit main.rs:1076-1113 ----------------
            // "sha" and "mismatch" in the listed kernels: EXIT_HASH_MISMATCH
            fails("cuda-kernel-named-sha-mismatch.json", "HC012", "/backend", 13,
                    gpuForCuda("[String(\"sha256_mismatch_probe\")]")),
            // "interrupted" is looked for before "verification failed": 130, not 15
            fails("cpu-kernel-named-interrupted.json", "HC013", "/kernels", 130,
                    cpuWithoutFallbacks("[\"interrupted_rope\"]")),

            // --- what serde_json cannot read but Jackson can, main.rs:5626-5631 -----------------------------------
            fails("utf8-byte-order-mark.json", "HC046", "", 14,
                    "Invalid JSON in receipt: $PATH: expected value at line 1 column 1 (a UTF-8 byte-order mark)"),
            fails("utf16le.json", "HC046", "", 14,
                    "Invalid JSON in receipt: $PATH: a NUL byte at offset 1 (the file is not UTF-8 JSON; UTF-16 or "
                            + "UTF-32?)"),
            fails("lone-surrogate-escape.json", "HC046", "/environment/OS", 14,
                    "Invalid JSON in receipt: $PATH: lone leading surrogate in hex escape"),
            passes("paired-surrogate-escape.json"),
            fails("number-out-of-double-range.json", "HC046", "/performance_baseline/tokens_generated", 14,
                    "Invalid JSON in receipt: $PATH: number out of range").strict("HC046", "HC025"),
            // 64e-400 is 0.0 to serde_json: read fine (and bitnet-strict finds the zero)
            passes("number-below-double-range.json").strict("HC025"),
            // C0 AF is an overlong '/': Jackson decodes it, read_to_string refuses it
            fails("overlong-utf8.json", "HC046", "", 14,
                    "Failed to read receipt: $PATH: stream did not contain valid UTF-8"));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> eachReceiptGetsBitnetsVerdict() {
        return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row,
                BitnetReceipts.path(row.file()))));
    }

    /** main.rs:5683: the count is checked after the id passes; 10,000 ids are fine, 10,001 are not. */
    @Test
    void tenThousandKernelsPassAndOneMoreFails() throws IOException {
        check(passes("kernels-10000.json"), kernels(10_000));
        check(fails("kernels-10001.json", "HC009", "/kernels", 14, "kernels[] contains too many entries (> 10,000)"),
                kernels(10_001));
    }

    private Path kernels(int count) throws IOException {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "" : ",").append("\"i2s_k").append(i).append('"');
        }
        return Files.writeString(dir.resolve("kernels-" + count + ".json"), "{\"schema_version\":\"1.0.0\","
                + "\"timestamp\":\"2026-02-03T08:15:00Z\",\"compute_path\":\"real\",\"backend\":\"cpu\","
                + "\"kernels\":[" + ids + "]}");
    }

    /** Input BitNet.rs cannot read at all: ours exits 2 by default, BitNet.rs 14 (main.rs:5626-5631, 1112). */
    @Test
    void unreadableInputExitsTwoByDefaultAndFourteenWithBitnetCodes() {
        // cmd test_verify_receipt_missing_file
        // (ED A0 80 encodes U+D800: not UTF-8 to read_to_string, and Jackson refuses it too)
        for (Path p : List.of(dir.resolve("nonexistent/receipt.json"), BitnetReceipts.path("malformed.json"),
                BitnetReceipts.path("top-level-array.json"), BitnetReceipts.path("encoded-surrogate-bytes.json"))) {
            assertThat(cli("verify", "--policy", "bitnet", p.toString()).exit()).as(p.toString()).isEqualTo(2);
            ReceiptsCliTest.Run bitnet = cli("verify", "--policy", "bitnet", "--exit-codes", "bitnet", p.toString());
            assertThat(bitnet.exit()).as(p.toString()).isEqualTo(14);
            assertThat(bitnet.err()).contains(p + ": UNREADABLE: ");
        }
        // the path is part of BitNet.rs's message, so its words count too
        Path interrupted = dir.resolve("interrupted-run/receipt.json");
        assertThat(cli("verify", "--exit-codes=bitnet", "--policy=bitnet", interrupted.toString()).exit())
                .isEqualTo(130);
    }

    @Test
    void badUsageExitsTwoInBothSchemes() {
        ReceiptsCliTest.Run codes = cli("verify", "--exit-codes", "rust", "x.json");
        assertThat(codes.exit()).isEqualTo(2);
        assertThat(codes.err()).contains("verify: --exit-codes 'rust' is not one of default, bitnet");
        assertThat(cli("verify", "--exit-codes").err()).contains("--exit-codes needs a value: default or bitnet");
        ReceiptsCliTest.Run gpu = cli("verify", "--require-gpu-kernels", "--exit-codes", "bitnet",
                BitnetReceipts.quantizedCpuRun().toString());
        assertThat(gpu.exit()).isEqualTo(2);
        assertThat(gpu.err()).contains("--require-gpu-kernels is BitNet.rs's option: use it with the bitnet or "
                + "bitnet-strict policy");
        assertThat(cli("verify", "--help").out()).contains("[--require-gpu-kernels] [--exit-codes default|bitnet]",
                VerifyCommand.BITNET_EXIT_CODES);
    }

    /** With several inputs: the first unreadable one's code, else the first failing receipt's. */
    @Test
    void severalInputsTakeTheFirstUnreadableElseTheFirstFailure() {
        String pass = BitnetReceipts.quantizedCpuRun().toString();
        String cpu = BitnetReceipts.path("cpu-no-quantized.json").toString();
        String mock = BitnetReceipts.mockRun().toString();
        assertThat(cli("verify", "--policy", "bitnet", "--exit-codes", "bitnet", pass, cpu, mock).exit())
                .isEqualTo(15);
        assertThat(cli("verify", "--policy", "bitnet", "--exit-codes", "bitnet", pass, mock, cpu).exit())
                .isEqualTo(14);
        assertThat(cli("verify", "--policy", "bitnet", "--exit-codes", "bitnet", pass, pass).exit()).isZero();
        assertThat(cli("verify", "--policy", "bitnet", "--exit-codes", "bitnet", cpu,
                dir.resolve("sha-mismatch.json").toString()).exit()).isEqualTo(13);
    }

    private void check(Row row, Path file) throws IOException {
        List<String> flags = row.flags();
        // our exit codes: 0 passed, 1 failed
        ReceiptsCliTest.Run ours = cli(args(flags, "--policy", "bitnet", file.toString()));
        assertThat(ours.exit()).as("exit code (default scheme) of %s: %s", row, ours.out() + ours.err())
                .isEqualTo(row.rule() == null ? 0 : 1);

        ReceiptsCliTest.Run run = cli(args(flags, "--json", "--policy", "bitnet", "--exit-codes", "bitnet",
                file.toString()));
        assertThat(run.exit()).as("BitNet.rs's exit code for %s: %s", row, run.out()).isEqualTo(row.exit());
        JsonNode result = ReceiptJson.mapper().readTree(run.out()).path("results").get(0);
        assertThat(result).as("the result for %s: %s %s", row, run.out(), run.err()).isNotNull();
        List<JsonNode> errors = new ArrayList<>();
        List<JsonNode> warnings = new ArrayList<>();
        result.path("violations").forEach(v -> (v.path("severity").asText().equals("ERROR") ? errors : warnings)
                .add(v));
        if (row.rule() == null) {
            assertThat(errors).as("errors of %s", row).isEmpty();
            assertThat(result.path("passed").asBoolean(false)).isTrue();
        } else {
            assertThat(errors).as("BitNet.rs stops at its first failure: %s", row).hasSize(1);
            JsonNode error = errors.get(0);
            assertThat(error.path("rule_id").asText()).as("rule of %s", row).isEqualTo(row.rule());
            assertThat(error.path("field").asText()).as("field of %s", row).isEqualTo(row.field());
            assertThat(error.path("message").asText()).as("message of %s", row)
                    .isEqualTo(row.message().replace("$PATH", file.toString()));
        }
        if (row.warning() == null) {
            assertThat(warnings).as("warnings of %s", row).isEmpty();
        } else {
            assertThat(warnings).as("warnings of %s", row).singleElement().satisfies(w -> {
                assertThat(w.path("rule_id").asText()).isEqualTo("HC010");
                assertThat(w.path("field").asText()).isEqualTo(row.warning());
                assertThat(w.path("message").asText()).isEqualTo("duplicate kernel IDs observed in receipt");
            });
        }

        ReceiptsCliTest.Run strict = cli(args(flags, "--json", "--policy", "bitnet-strict", file.toString()));
        List<String> strictErrors = new ArrayList<>();
        ReceiptJson.mapper().readTree(strict.out()).path("results").get(0).path("violations").forEach(v -> {
            if (v.path("severity").asText().equals("ERROR")) {
                strictErrors.add(v.path("rule_id").asText());
            }
        });
        assertThat(strictErrors).as("bitnet-strict errors of %s: %s", row, strict.out())
                .containsExactlyElementsOf(row.strict());
        assertThat(strict.exit()).isEqualTo(row.strict().isEmpty() ? 0 : 1);
    }

    private static String[] args(List<String> flags, String... rest) {
        List<String> all = new ArrayList<>(List.of("verify"));
        all.addAll(flags);
        all.addAll(Arrays.asList(rest));
        return all.toArray(String[]::new);
    }
}
