package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.Backend;

import java.util.Locale;
import java.util.Map;

/** The backend an ONNX Runtime execution provider runs nodes on, in the receipts' backend names. */
final class ExecutionProviders {

    private static final String SUFFIX = "ExecutionProvider";
    private static final Map<String, String> BACKENDS = Map.ofEntries(
            Map.entry("CPUExecutionProvider", Backend.CPU),
            Map.entry("DnnlExecutionProvider", Backend.CPU),
            Map.entry("XnnpackExecutionProvider", Backend.CPU),
            Map.entry("ACLExecutionProvider", Backend.CPU),
            Map.entry("ArmNNExecutionProvider", Backend.CPU),
            Map.entry("CUDAExecutionProvider", Backend.CUDA),
            Map.entry("TensorrtExecutionProvider", Backend.CUDA),
            Map.entry("NvTensorRTRTXExecutionProvider", Backend.CUDA),
            Map.entry("ROCMExecutionProvider", "rocm"),
            Map.entry("MIGraphXExecutionProvider", "rocm"),
            Map.entry("DmlExecutionProvider", "directml"),
            Map.entry("WebGpuExecutionProvider", "webgpu"),
            Map.entry("CoreMLExecutionProvider", "coreml"),
            Map.entry("OpenVINOExecutionProvider", "openvino"),
            Map.entry("QNNExecutionProvider", "qnn"),
            Map.entry("NnapiExecutionProvider", "nnapi"));

    private ExecutionProviders() {
    }

    /** {@code "CPUExecutionProvider"} → {@code "cpu"}; an unknown provider → its name without the suffix, lower case. */
    static String backend(String provider) {
        String known = BACKENDS.get(provider);
        if (known != null) {
            return known;
        }
        String base = provider.endsWith(SUFFIX) && provider.length() > SUFFIX.length()
                ? provider.substring(0, provider.length() - SUFFIX.length()) : provider;
        return base.toLowerCase(Locale.ROOT);
    }

    /** Whether a node that ran on {@code backend} honours a request for {@code requested} ("gpu" = any GPU). */
    static boolean satisfies(String backend, String requested) {
        return backend.equals(requested) || (requested.equals("gpu") && Backend.isGpu(backend))
                || (requested.startsWith(Backend.CUDA) && backend.equals(Backend.CUDA));
    }
}
