package dev.honestcompute.recorder.evidence.llamacpp;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What llama.cpp's log of one model load says about where the model went.
 *
 * @param build          the {@code build:} line's value, e.g. {@code "4916 (c6af2161) with gcc ... for x86_64-..."};
 *                       empty when absent
 * @param cpuFeatures    the CPU features its {@code system_info} line marks {@code = 1}, e.g. {@code [AVX, AVX2]}
 * @param layerDevices   layer index → the device it was assigned to ({@code load_tensors: layer 0 assigned to device
 *                       CPU}), in layer order; empty when the log has no such lines
 * @param offloaded      the {@code offloaded N/M layers to GPU} line as {@code [N, M]} (printed by GPU builds with a
 *                       usable device only), or null
 * @param buffers        buffer lines, e.g. {@code "CPU_Mapped model 0.47 MiB"}, in log order
 * @param complete       whether the log reached the end of the load ({@code loadModel: model loaded})
 */
record LoadLog(String build, List<String> cpuFeatures, Map<Integer, String> layerDevices, int[] offloaded,
               List<String> buffers, boolean complete) {

    LoadLog {
        cpuFeatures = List.copyOf(cpuFeatures);
        layerDevices = Collections.unmodifiableSortedMap(new TreeMap<>(layerDevices)); // layer order
        buffers = List.copyOf(buffers);
        offloaded = offloaded == null ? null : offloaded.clone();
    }

    /** Layers assigned to a device other than the CPU. */
    long layersOnAccelerators() {
        return layerDevices.values().stream().filter(d -> !LoadLogParser.isCpu(d)).count();
    }
}
