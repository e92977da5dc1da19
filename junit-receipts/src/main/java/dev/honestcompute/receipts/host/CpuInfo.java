package dev.honestcompute.receipts.host;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** CPU model and feature flags parsed from Linux {@code /proc/cpuinfo} (x86 "flags", ARM "Features"). */
record CpuInfo(String model, Set<String> features) {

    static CpuInfo parse(List<String> lines, String arch) {
        String model = null;
        Set<String> features = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (model == null && (key.equals("model name") || key.equals("hardware") || key.equals("processor")
                    && !value.isEmpty() && !Character.isDigit(value.charAt(0)))) {
                model = value;
            } else if (features == null && (key.equals("flags") || key.equals("features"))) {
                features = new TreeSet<>();
                for (String f : value.split("\\s+")) {
                    if (!f.isEmpty()) {
                        features.add(f.toLowerCase(Locale.ROOT));
                    }
                }
                // aarch64 reports NEON as "asimd": record the name users write in @Kernel(requires) as well.
                if (features.contains("asimd")) {
                    features.add("neon");
                }
            }
        }
        return new CpuInfo(model == null ? "unknown (" + arch + ")" : model,
                features == null ? Set.of() : java.util.Collections.unmodifiableSet(features));
    }
}
