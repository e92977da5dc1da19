package dev.honestcompute.recorder.evidence.llamacpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the lines llama.cpp (b4916, the build inside {@code de.kherud:llama:4.2.0}, and later ones) logs while it
 * loads a model. Only lines it prints itself count; a line that does not match is ignored, never guessed at.
 */
final class LoadLogParser {

    static final String LOADED_MARKER = "loadModel: model loaded";
    private static final Pattern LAYER = Pattern.compile("load_tensors: layer\\s+(\\d+) assigned to device ([^,\\s]+)");
    private static final Pattern OFFLOADED = Pattern.compile("offloaded (\\d+)/(\\d+) layers to GPU");
    private static final Pattern BUFFER = Pattern.compile(
            "^\\w+:\\s+(\\S+)\\s+(model|KV|compute|output) buffer size =\\s*([0-9.]+) MiB");
    private static final Pattern FEATURE = Pattern.compile("(\\w+) = 1");
    private static final int MAX_BUFFERS = 32;

    private LoadLogParser() {
    }

    static LoadLog parse(String text) {
        String build = "";
        List<String> features = new ArrayList<>();
        Map<Integer, String> layers = new TreeMap<>();
        int[] offloaded = null;
        List<String> buffers = new ArrayList<>();
        boolean complete = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("build: ") && build.isEmpty()) {
                build = line.substring("build: ".length()).strip();
            } else if (line.startsWith("system_info:") && features.isEmpty()) {
                int cpu = line.indexOf("CPU :");
                if (cpu >= 0) {
                    Matcher f = FEATURE.matcher(line.substring(cpu));
                    while (f.find()) {
                        features.add(f.group(1));
                    }
                }
            } else if (line.contains(LOADED_MARKER)) {
                complete = true;
            }
            Matcher m = LAYER.matcher(line);
            if (m.find()) {
                layers.put(Integer.parseInt(m.group(1)), m.group(2));
                continue;
            }
            m = OFFLOADED.matcher(line);
            if (m.find()) {
                offloaded = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                continue;
            }
            m = BUFFER.matcher(line);
            if (m.find() && buffers.size() < MAX_BUFFERS) {
                buffers.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " MiB");
            }
        }
        return new LoadLog(build, features, layers, offloaded, buffers, complete);
    }

    /** Whether a llama.cpp device or buffer name is host memory ({@code CPU}, {@code CPU_Mapped}, ...). */
    static boolean isCpu(String device) {
        return device.toUpperCase(Locale.ROOT).startsWith("CPU");
    }

    /**
     * The receipts' backend for a llama.cpp device name: {@code CUDA0} → {@code cuda}, {@code Vulkan0} → {@code
     * vulkan}, {@code Metal} → {@code metal}, {@code ROCm0} → {@code rocm}, {@code CPU} → {@code cpu}.
     */
    static String backend(String device) {
        if (isCpu(device)) {
            return "cpu";
        }
        return device.replaceAll("\\d+$", "").toLowerCase(Locale.ROOT);
    }
}
