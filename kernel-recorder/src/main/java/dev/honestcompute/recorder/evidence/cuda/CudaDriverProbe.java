package dev.honestcompute.recorder.evidence.cuda;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.evidence.EvidenceKind;
import dev.honestcompute.recorder.evidence.EvidenceSource;

import java.util.Locale;

/**
 * Driver-level GPU evidence: for a window whose test requested a CUDA or generic GPU backend, says why there is none.
 * Kernel records from CUPTI's activity API (or a {@code CUDA_INJECTION64_PATH} injection library) would be the
 * strongest GPU evidence there is; docs/gpu-evidence.md designs them. This version does not collect them, so it never
 * reports a kernel: it reports, through {@code unavailable}, that the host has no NVIDIA driver, that CUPTI is
 * missing, or that the capture is not built, so a GPU receipt can never pass on driver evidence it does not have.
 */
public final class CudaDriverProbe implements EvidenceSource {

    /** The source name receipts carry. */
    public static final String NAME = "cuda-driver";
    static final String WHAT = "cuda driver activity records (CUPTI)";

    private final CudaLibraries libraries;

    /** The instance ServiceLoader makes: this host's library directories. */
    public CudaDriverProbe() {
        this(CudaLibraries.ofThisHost());
    }

    CudaDriverProbe(CudaLibraries libraries) {
        this.libraries = libraries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.DRIVER;
    }

    @Override
    public int priority() {
        return 70;
    }

    @Override
    public Capture open(Window window) {
        String requested = window.requestedBackend() == null ? ""
                : window.requestedBackend().trim().toLowerCase(Locale.ROOT);
        if (!requested.startsWith(Backend.CUDA) && !requested.equals("gpu")) {
            return null; // nothing a CUDA driver could prove for this window
        }
        String why = reason();
        return sink -> sink.unavailable(WHAT, why);
    }

    String reason() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "driver-level GPU evidence is designed for Linux (libcuda.so.1 and CUPTI) only";
        }
        if (libraries.driver().isEmpty()) {
            return "no NVIDIA driver on this host (" + CudaLibraries.DRIVER + " not found in "
                    + libraries.directories().size() + " library directories), so no CUDA kernel can have run here";
        }
        if (libraries.cupti().isEmpty()) {
            return "the NVIDIA driver is here (" + libraries.driver().get() + ") but CUPTI (" + CudaLibraries.CUPTI_PREFIX
                    + "*) is not, so driver activity records cannot be collected";
        }
        return "the NVIDIA driver (" + libraries.driver().get() + ") and CUPTI (" + libraries.cupti().get() + ") are"
                + " here, but CUPTI activity capture is not built in this version (docs/gpu-evidence.md), so no"
                + " driver-level evidence was collected";
    }
}
