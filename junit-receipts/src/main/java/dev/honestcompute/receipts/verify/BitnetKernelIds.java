package dev.honestcompute.receipts.verify;

import java.util.List;

/**
 * BitNet.rs's four kernel-id classifiers, as {@code xtask verify-receipt} applies them (EffortlessMetrics/BitNet-rs
 * {@code xtask/src/main.rs} at f2ae3adc: {@code GPU_KERNEL_PATTERNS}, {@code is_gpu_kernel_id},
 * {@code is_cpu_quantized_kernel}, {@code is_quantized_kernel_id}, {@code is_fallback_kernel_id}). All are
 * case-sensitive, on the id exactly as written.
 */
final class BitnetKernelIds {

    /** The prefixes of {@code GPU_KERNEL_PATTERNS} ({@code ^gemm_} ... {@code ^tl2_gpu_}). */
    static final List<String> GPU_PREFIXES =
            List.of("gemm_", "wmma_", "cublas_", "cutlass_", "cuda_", "tl1_gpu_", "tl2_gpu_");
    /** {@code ^i2s_(quantize|dequantize)$}: whole ids (Rust's {@code $} does not match before a final newline). */
    static final List<String> GPU_EXACT = List.of("i2s_quantize", "i2s_dequantize");
    /** {@code GPU_KERNEL_EXAMPLES}, as the GPU failure message prints them. */
    static final List<String> GPU_EXAMPLES = List.of("gemm_*", "wmma_*", "cublas_*", "cutlass_*", "cuda_*",
            "tl1_gpu_*", "tl2_gpu_*", "i2s_(quantize|dequantize)");
    /** {@code CPU_QUANT_PREFIXES}. */
    static final List<String> CPU_QUANT_PREFIXES = List.of("i2s_", "tl1_", "tl2_");
    /** {@code QUANTIZED_PATTERNS}, matched anywhere in the id ({@code contains}). */
    static final List<String> QUANTIZED_PATTERNS =
            List.of("i2s_", "tl1_", "tl2_", "gemm_i2s_", "wmma_i2s_", "quantize_");

    private BitnetKernelIds() {
    }

    /** {@code is_gpu_kernel_id}. */
    static boolean isGpu(String id) {
        if (id.startsWith("i2s_cpu_")) {
            return false;
        }
        return GPU_PREFIXES.stream().anyMatch(id::startsWith) || GPU_EXACT.contains(id);
    }

    /** {@code is_cpu_quantized_kernel}: an {@code i2s_}/{@code tl1_}/{@code tl2_} prefix, not a GPU or fallback id. */
    static boolean isCpuQuantized(String id) {
        return CPU_QUANT_PREFIXES.stream().anyMatch(id::startsWith) && !isGpu(id) && !isFallback(id);
    }

    /** {@code is_quantized_kernel_id}: one of {@link #QUANTIZED_PATTERNS} anywhere in the id. */
    static boolean isQuantized(String id) {
        return QUANTIZED_PATTERNS.stream().anyMatch(id::contains);
    }

    /** {@code is_fallback_kernel_id}: {@code fp32_*}, {@code fallback_*}, {@code dequant_*}, {@code matmul_f32}, {@code *_dequant}. */
    static boolean isFallback(String id) {
        return id.startsWith("fp32_") || id.startsWith("fallback_") || id.startsWith("dequant_")
                || id.equals("matmul_f32") || id.endsWith("_dequant");
    }
}
