package dev.honestcompute.recorder.evidence.llamacpp;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The llama.cpp models loaded or used during one recording window, reported at close as facts (build, CPU features,
 * the device of every layer, offloaded layers, buffers) and, when the test asked for a GPU (a GPU backend, or
 * {@code setGpuLayers(n > 0)}) and llama.cpp kept layers on the CPU, as a fallback.
 */
final class LlamaCppWindow {

    static final String PLACEMENT = "llama.cpp layer placement";
    static final String NO_LAYERS_OFFLOADED = "LLAMACPP_NO_LAYERS_OFFLOADED";
    static final String PARTIAL_OFFLOAD = "LLAMACPP_PARTIAL_OFFLOAD";
    static final String OTHER_GPU_BACKEND = "LLAMACPP_OTHER_GPU_BACKEND";

    private final EvidenceSource.Window window;
    private final Set<ModelLoad> loads = new LinkedHashSet<>();

    LlamaCppWindow(EvidenceSource.Window window) {
        this.window = window;
    }

    synchronized void loaded(ModelLoad load) {
        loads.add(load);
    }

    synchronized void used(ModelLoad load) {
        loads.add(load);
    }

    void report(EvidenceSink sink) {
        List<ModelLoad> seen;
        synchronized (this) {
            seen = new ArrayList<>(loads);
        }
        for (ModelLoad load : seen) {
            if (load.problem() != null) {
                sink.unavailable(PLACEMENT, load + ": " + load.problem());
                continue;
            }
            LoadLog log = load.log();
            String model = load.model() + (load.window() == this ? "" : " (loaded before this window)") + ": ";
            if (!log.build().isEmpty()) {
                sink.fact("llamacpp.build", model + log.build());
            }
            if (!log.cpuFeatures().isEmpty()) {
                sink.fact("llamacpp.cpu_features", model + String.join(" ", log.cpuFeatures()));
            }
            if (load.requestedGpuLayers() != null) {
                sink.fact("llamacpp.requested_gpu_layers", model + load.requestedGpuLayers());
            }
            if (!log.buffers().isEmpty()) {
                sink.fact("llamacpp.buffers", model + String.join(", ", log.buffers()));
            }
            if (log.layerDevices().isEmpty() && log.offloaded() == null) {
                sink.unavailable(PLACEMENT, load + ": its log has neither 'layer N assigned to device' nor 'offloaded"
                        + " N/M layers to GPU' lines, so where its layers went is unknown");
                continue;
            }
            String placement = placement(log);
            sink.fact("llamacpp.layer_devices", model + placement);
            long onAccelerators = log.layerDevices().isEmpty() ? log.offloaded()[0] : log.layersOnAccelerators();
            long total = log.layerDevices().isEmpty() ? log.offloaded()[1] : log.layerDevices().size();
            sink.fact("llamacpp.offloaded_layers", model + onAccelerators + "/" + total);
            fallback(sink, load, log, placement, onAccelerators, total);
        }
    }

    private void fallback(EvidenceSink sink, ModelLoad load, LoadLog log, String placement, long onAccelerators,
                          long total) {
        String requested = window.requestedBackend() == null ? ""
                : window.requestedBackend().trim().toLowerCase(Locale.ROOT);
        boolean windowWantsGpu = Backend.isGpu(requested);
        int layers = load.requestedLayers();
        if (!windowWantsGpu && layers <= 0) {
            return;
        }
        String asked = (layers > 0 ? "--gpu-layers " + layers : "no --gpu-layers")
                + (windowWantsGpu ? " with backend " + requested + " requested" : "");
        String req = windowWantsGpu ? requested : "gpu";
        if (onAccelerators == 0) {
            sink.fallback(req, Backend.CPU, NO_LAYERS_OFFLOADED, load + ": " + asked + ", but llama.cpp offloaded 0/"
                    + total + " layers (" + placement + ")");
            return;
        }
        long wanted = layers > 0 ? Math.min(layers, total) : total;
        if (onAccelerators < wanted) {
            sink.fallback(req, Backend.CPU, PARTIAL_OFFLOAD, load + ": " + asked + ", but llama.cpp offloaded "
                    + onAccelerators + "/" + total + " layers (" + placement + ")");
            return;
        }
        if (windowWantsGpu && !requested.equals("gpu")) {
            for (String device : log.layerDevices().values()) {
                String backend = LoadLogParser.backend(device);
                if (!LoadLogParser.isCpu(device) && !backend.equals(requested)) {
                    sink.fallback(requested, backend, OTHER_GPU_BACKEND, load + ": backend " + requested
                            + " requested, but llama.cpp assigned layers to " + device + " (" + placement + ")");
                    return;
                }
            }
        }
    }

    /** "layers 0-1 on CUDA0, layer 2 on CPU", or the offload line's count when the log has no layer lines. */
    private static String placement(LoadLog log) {
        if (log.layerDevices().isEmpty()) {
            return "llama.cpp logged 'offloaded " + log.offloaded()[0] + "/" + log.offloaded()[1] + " layers to GPU'";
        }
        List<String> runs = new ArrayList<>();
        int start = -1;
        int prev = -1;
        String device = null;
        for (Map.Entry<Integer, String> e : log.layerDevices().entrySet()) {
            if (device != null && (!e.getValue().equals(device) || e.getKey() != prev + 1)) {
                runs.add(run(start, prev, device));
                start = -1;
            }
            if (start < 0) {
                start = e.getKey();
                device = e.getValue();
            }
            prev = e.getKey();
        }
        runs.add(run(start, prev, device));
        return String.join(", ", runs);
    }

    private static String run(int from, int to, String device) {
        return (from == to ? "layer " + from : "layers " + from + "-" + to) + " on " + device;
    }
}
