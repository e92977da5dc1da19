package dev.honestcompute.examples.engine;

/** Why the CUDA backend cannot run here, as a stable reason code plus a sentence for people. */
final class CudaUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** {@code libcuda.so.1} (or the library named by {@code -Dhonestcompute.cuda.driver}) cannot be loaded. */
    static final String DRIVER_MISSING = "CUDA_DRIVER_MISSING";
    /** The library loaded but lacks a driver API entry point this backend calls. */
    static final String DRIVER_SYMBOL_MISSING = "CUDA_DRIVER_SYMBOL_MISSING";
    /** {@code cuInit} failed. */
    static final String INIT_FAILED = "CUDA_INIT_FAILED";
    /** The driver works but sees no GPU. */
    static final String NO_DEVICE = "CUDA_NO_DEVICE";
    /** Context creation, PTX load or function lookup failed (e.g. a driver older than the PTX ISA). */
    static final String SETUP_FAILED = "CUDA_SETUP_FAILED";

    private final String reasonCode;

    CudaUnavailableException(String reasonCode, String detail, Throwable cause) {
        super(detail, cause);
        this.reasonCode = reasonCode;
    }

    String reasonCode() {
        return reasonCode;
    }
}
