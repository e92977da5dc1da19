package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bitnet} policy: BitNet.rs's {@code xtask verify-receipt}, check for check. Read from
 * EffortlessMetrics/BitNet-rs {@code xtask/src/main.rs} at commit f2ae3adc01e2bdfb8c046d8847f82500749ac6fa
 * ({@code verify_receipt_cmd}, lines 5622-5746, and the helpers it calls, lines 5302-5602); line numbers below refer
 * to that file.
 *
 * <p>Like BitNet.rs it stops at the first failure, so a receipt gets at most one ERROR, and its message is BitNet.rs's
 * own text. The duplicate-id warning BitNet.rs prints and carries on after is a WARNING. BitNet.rs reads nothing
 * else: no timestamp, no backend value check (a missing or non-string backend is "cpu"), no "mock" in kernel ids, no
 * model_info, test_results, corrections or performance numbers.
 */
final class BitnetVerifyReceipt {

    static final List<String> SCHEMA_VERSIONS = List.of("1.0.0", "1.0");
    static final int MAX_KERNEL_ID_BYTES = 128;
    static final int MAX_KERNELS = 10_000;
    /** The rules this check reports under. */
    static final List<ReceiptRule> RULES = List.of(ReceiptRule.BITNET_READABLE, ReceiptRule.SCHEMA_VERSION,
            ReceiptRule.COMPUTE_PATH_REAL, ReceiptRule.KERNELS_PRESENT, ReceiptRule.KERNEL_ID_STRING,
            ReceiptRule.KERNEL_ID_BLANK, ReceiptRule.KERNEL_ID_TOO_LONG, ReceiptRule.TOO_MANY_KERNELS,
            ReceiptRule.DUPLICATE_KERNEL, ReceiptRule.GPU_KERNELS_REQUIRED, ReceiptRule.CPU_QUANTIZED_KERNEL_REQUIRED,
            ReceiptRule.ONLY_FALLBACK_KERNELS);

    private BitnetVerifyReceipt() {
    }

    static void run(Subject s, Findings f) {
        // 5626-5631: fs::read_to_string + serde_json::from_str
        BitnetReadable.Problem unreadable = s.bytes == null ? null : BitnetReadable.inBytes(s.bytes, s.receipt.source());
        if (unreadable == null) {
            unreadable = BitnetReadable.inTree(s.receipt.tree(), s.receipt.source());
        }
        if (unreadable != null) {
            f.error(ReceiptRule.BITNET_READABLE, unreadable.field(), unreadable.found(), unreadable.message());
            return;
        }

        // 5633-5640
        String ptr = "/" + ReceiptFields.SCHEMA_VERSION;
        JsonNode version = s.get(ReceiptFields.SCHEMA_VERSION);
        if (!version.isTextual()) {
            f.error(ReceiptRule.SCHEMA_VERSION, ptr, version, "Receipt missing 'schema_version' field");
            return;
        }
        if (!SCHEMA_VERSIONS.contains(version.textValue())) {
            f.error(ReceiptRule.SCHEMA_VERSION, ptr, version, "Unsupported schema_version '" + version.textValue()
                    + "' (expected '1.0.0' or '1.0')");
            return;
        }

        // 5643-5650
        ptr = "/" + ReceiptFields.COMPUTE_PATH;
        JsonNode computePath = s.get(ReceiptFields.COMPUTE_PATH);
        if (!computePath.isTextual()) {
            f.error(ReceiptRule.COMPUTE_PATH_REAL, ptr, computePath, "Receipt missing 'compute_path' field");
            return;
        }
        if (!computePath.textValue().equals(ReceiptFields.REAL)) {
            f.error(ReceiptRule.COMPUTE_PATH_REAL, ptr, computePath, "compute_path must be 'real' (got '"
                    + computePath.textValue() + "') \u2014 mock inference not allowed");
            return;
        }

        // 5653-5654: unwrap_or("cpu"), eq_ignore_ascii_case
        JsonNode backendNode = s.get(ReceiptFields.BACKEND);
        String backend = backendNode.isTextual() ? backendNode.textValue() : "cpu";
        boolean mustRequireGpu = asciiEqualsIgnoreCase(backend, "cuda");

        // 5657-5667
        ptr = "/" + ReceiptFields.KERNELS;
        JsonNode kernels = s.get(ReceiptFields.KERNELS);
        if (!kernels.isArray()) {
            f.error(ReceiptRule.KERNELS_PRESENT, ptr, kernels, "Receipt missing 'kernels' array");
            return;
        }
        if (kernels.isEmpty()) {
            f.error(ReceiptRule.KERNELS_PRESENT, ptr, kernels,
                    "Receipt has empty kernels[] \u2014 requires at least one real kernel");
            return;
        }
        for (int i = 0; i < kernels.size(); i++) {
            if (!kernels.get(i).isTextual()) {
                f.error(ReceiptRule.KERNEL_ID_STRING, Findings.pointer(ptr, i), kernels.get(i),
                        "All entries in kernels[] must be strings");
                return;
            }
        }
        List<String> ids = new ArrayList<>(kernels.size());
        kernels.forEach(k -> ids.add(k.textValue()));

        // 5672-5686: three separate passes, in this order; the pointer names the first offender
        for (int i = 0; i < ids.size(); i++) {
            if (RustText.isBlank(ids.get(i))) {
                f.error(ReceiptRule.KERNEL_ID_BLANK, Findings.pointer(ptr, i), kernels.get(i),
                        "kernels[] contains empty kernel ID");
                return;
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            if (RustText.byteLength(ids.get(i)) > MAX_KERNEL_ID_BYTES) {
                f.error(ReceiptRule.KERNEL_ID_TOO_LONG, Findings.pointer(ptr, i), kernels.get(i),
                        "kernels[] contains kernel ID longer than 128 characters");
                return;
            }
        }
        if (ids.size() > MAX_KERNELS) {
            f.error(ReceiptRule.TOO_MANY_KERNELS, ptr, kernels, "kernels[] contains too many entries (> 10,000)");
            return;
        }

        // 5688-5693: a warning on stderr, and verification goes on
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (seen.putIfAbsent(ids.get(i), i) != null) {
                f.warning(ReceiptRule.DUPLICATE_KERNEL, Findings.pointer(ptr, i), kernels.get(i),
                        "duplicate kernel IDs observed in receipt");
                break;
            }
        }

        // 5696-5720
        if ((s.requireGpuKernels || mustRequireGpu) && ids.stream().noneMatch(BitnetKernelIds::isGpu)) {
            f.error(ReceiptRule.GPU_KERNELS_REQUIRED, mustRequireGpu ? "/" + ReceiptFields.BACKEND : ptr,
                    mustRequireGpu ? backendNode : kernels, "GPU kernel verification required ("
                            + (mustRequireGpu ? "backend is 'cuda'" : "--require-gpu-kernels flag set")
                            + ") but no GPU kernels found.\n"
                            + "Expected (examples): " + String.join(", ", BitnetKernelIds.GPU_EXAMPLES) + "\n"
                            + "Actual kernels: " + RustText.debugJsonStrings(ids) + "\n\n"
                            + "This likely indicates silent CPU fallback. Verify:\n"
                            + "1) GPU build: cargo build --features gpu\n"
                            + "2) CUDA runtime: nvidia-smi\n"
                            + "3) Device selection: Device::Cuda(0) in inference");
            return;
        }

        // 5724 -> validate_cpu_backend_kernels, 5551-5602
        if (asciiEqualsIgnoreCase(backend, "cpu") && ids.stream().noneMatch(BitnetKernelIds::isCpuQuantized)) {
            f.error(ReceiptRule.CPU_QUANTIZED_KERNEL_REQUIRED, ptr, kernels, cpuMessage(ids));
            return;
        }

        // 5727 -> verify_quantization_claims, 5438-5474 (compute_path is "real" by now)
        if (ids.stream().noneMatch(BitnetKernelIds::isQuantized) && ids.stream().anyMatch(BitnetKernelIds::isFallback)) {
            f.error(ReceiptRule.ONLY_FALLBACK_KERNELS, ptr, kernels, "Receipt claims quantized computation "
                    + "(compute_path='real') but only FP32 fallback kernels found.\n"
                    + "Fallback kernels detected: " + RustText.debugList(fallbacks(ids)) + "\n"
                    + "Expected: At least one quantized kernel (i2s_*, tl1_*, tl2_*, gemm_i2s_*)\n"
                    + "This indicates silent FP32 fallback without native quantized inference.");
        }
    }

    private static String cpuMessage(List<String> ids) {
        List<String> fallbacks = fallbacks(ids);
        String expected = "Expected CPU quantized kernels (prefixes): i2s_*, tl1_*, tl2_*\n"
                + "Actual kernels: " + RustText.debugList(ids) + "\n\n";
        String build = "1) Build with quantization: cargo build --no-default-features --features cpu\n"
                + "2) Quantization layers enabled in model";
        if (!fallbacks.isEmpty()) {
            return "CPU backend verification failed: no quantized kernels found; " + fallbacks.size()
                    + " fallback patterns detected.\n"
                    + "Fallback kernels: " + RustText.debugList(fallbacks) + "\n\n"
                    + expected
                    + "This indicates FP32 fallback path. Ensure:\n"
                    + build + "\n"
                    + "3) QuantizedLinear used (not standard Linear)\n"
                    + "4) Strict mode: BITNET_STRICT_MODE=1";
        }
        return "CPU backend verification failed: no quantized kernels found.\n\n"
                + expected
                + "This indicates no quantization path. Ensure:\n"
                + build;
    }

    private static List<String> fallbacks(List<String> ids) {
        return ids.stream().filter(BitnetKernelIds::isFallback).toList();
    }

    /** Rust's {@code eq_ignore_ascii_case}: {@link String#equalsIgnoreCase} would also fold non-ASCII letters. */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !(x < 128 && y < 128 && Character.toLowerCase(x) == Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }
}
