package dev.honestcompute.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The JVM words prepare-agent adds for the test JVMs: the recorder agent, the build id, and the options the user
 * asked for. Each system property name is the recorder's or junit-receipts' own ({@code honestcompute.*}).
 *
 * @param agentJar       the recorder agent jar ({@code dev.honestcompute:kernel-recorder})
 * @param buildId        one id for every test JVM of this {@code mvn} invocation
 * @param vectorApi      add {@code --add-modules jdk.incubator.vector}
 * @param nativeAccess   add {@code --enable-native-access=ALL-UNNAMED}
 * @param timing         recorder kernel timing ({@code true}, {@code sampled}, {@code sampled:N}) or null
 * @param kernelsConfigs kernels.json files for third-party engines (may be empty)
 * @param mockPackages   packages whose classes are test doubles (may be empty)
 */
record AgentArguments(Path agentJar, String buildId, boolean vectorApi, boolean nativeAccess, String timing,
                      List<Path> kernelsConfigs, List<String> mockPackages) {

    static final String BUILD_ID = "honestcompute.build.id";
    static final String TIMING = "honestcompute.recorder.timing";
    static final String KERNELS_CONFIG = "honestcompute.kernels.config";
    static final String MOCK_PACKAGES = "honestcompute.mock.packages";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    AgentArguments {
        kernelsConfigs = List.copyOf(kernelsConfigs);
        mockPackages = List.copyOf(mockPackages);
    }

    /** The words, in the order they go in front of the argLine. */
    List<String> words() {
        List<String> w = new ArrayList<>();
        w.add("-javaagent:" + agentJar);
        w.add("-D" + BUILD_ID + "=" + buildId);
        if (timing != null) {
            w.add("-D" + TIMING + "=" + timing);
        }
        if (!kernelsConfigs.isEmpty()) {
            w.add("-D" + KERNELS_CONFIG + "=" + String.join(File.pathSeparator,
                    kernelsConfigs.stream().map(Path::toString).toList()));
        }
        if (!mockPackages.isEmpty()) {
            w.add("-D" + MOCK_PACKAGES + "=" + String.join(",", mockPackages));
        }
        if (vectorApi) {
            w.add("--add-modules");
            w.add(VECTOR_MODULE);
        }
        if (nativeAccess) {
            w.add(NATIVE_ACCESS);
        }
        return w;
    }

    /**
     * Which words of an earlier argLine this run replaces: any recorder agent (this jar, or a kernel-recorder jar of
     * another version or place), an earlier build id, and each option this run sets itself. Options this run does
     * not set are the user's and stay.
     */
    Predicate<String> replaces() {
        return w -> isRecorderAgent(w)
                || w.startsWith("-D" + BUILD_ID + "=")
                || timing != null && w.startsWith("-D" + TIMING + "=")
                || !kernelsConfigs.isEmpty() && w.startsWith("-D" + KERNELS_CONFIG + "=")
                || !mockPackages.isEmpty() && w.startsWith("-D" + MOCK_PACKAGES + "=")
                || vectorApi && (w.equals("--add-modules " + VECTOR_MODULE) || w.equals("--add-modules=" + VECTOR_MODULE))
                || nativeAccess && w.equals(NATIVE_ACCESS);
    }

    private boolean isRecorderAgent(String word) {
        if (!word.startsWith("-javaagent:")) {
            return false;
        }
        String spec = word.substring("-javaagent:".length());
        int options = spec.indexOf('=');
        String jar = options < 0 ? spec : spec.substring(0, options);
        if (jar.equals(agentJar.toString())) {
            return true;
        }
        String name = jar.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.startsWith("kernel-recorder") && name.endsWith(".jar");
    }

    /** Validates a timing value as the recorder will (so a typo fails the build, not every test JVM). */
    static String checkTiming(String timing) {
        if (timing == null || timing.isBlank()) {
            return null;
        }
        String v = timing.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false") || v.equals("sampled")) {
            return v;
        }
        if (v.startsWith("sampled:")) {
            try {
                int n = Integer.parseInt(v.substring("sampled:".length()));
                if (n >= 1 && n <= (1 << 20) && Integer.bitCount(n) == 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
        }
        throw new IllegalArgumentException("<timing>" + timing + "</timing>: expected false, true (time every kernel "
                + "call), sampled (one call in 16 per thread) or sampled:N with N a power of two up to 1048576, "
                + "e.g. sampled:64");
    }
}
