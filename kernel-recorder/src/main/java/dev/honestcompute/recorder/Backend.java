package dev.honestcompute.recorder;

/** Well-known backend names. Any other lower-case name is accepted as well. */
public final class Backend {

    /** Plain scalar Java (or C) code. */
    public static final String CPU = "cpu";
    /** SIMD on the CPU, e.g. the Java Vector API or native AVX/NEON code. */
    public static final String CPU_SIMD = "cpu-simd";
    /** NVIDIA CUDA kernels. */
    public static final String CUDA = "cuda";

    private Backend() {
    }

    /** Whether {@code backend} names a GPU backend (whose receipts need observed GPU kernels). */
    public static boolean isGpu(String backend) {
        return backend != null && (backend.equals(CUDA) || backend.startsWith("cuda") || backend.equals("rocm")
                || backend.equals("metal") || backend.equals("vulkan") || backend.equals("opencl") || backend.equals("gpu"));
    }
}
