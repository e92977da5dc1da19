package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.RecorderAgent;


import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Gets the recorder ready before a recording window opens, from the JUnit configuration parameters
 * {@link EmitsReceipt#SELF_ATTACH_PARAMETER} and {@link EmitsReceipt#KERNELS_CONFIG_PARAMETER}: self-attaches the agent
 * when the JVM has none (unless told not to), and loads each extra kernels config once per JVM.
 */
public final class RecorderSetup {

    /** Config files loaded so far in this JVM (absolute, normalized). */
    private static final Set<Path> LOADED = ConcurrentHashMap.newKeySet();

    private RecorderSetup() {
    }

    /**
     * @throws IllegalArgumentException naming the parameter when a value is invalid or a config file cannot be loaded
     */
    public static void ensure(Function<String, Optional<String>> parameters) {
        if (!RecorderAgent.isInstalled() && selfAttach(parameters)) {
            RecorderAgent.installIfNeeded(); // prints its one-line warning; on failure HC016 names the argLine
        }
        Optional<String> configs = parameters.apply(EmitsReceipt.KERNELS_CONFIG_PARAMETER).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (configs.isEmpty() || !RecorderAgent.isInstalled()) {
            return; // without an agent there is nothing to configure; REAL receipts fail with HC016
        }
        // The agent reads the same name as a system property at install: those files are loaded already.
        Set<Path> atInstall = paths(System.getProperty(EmitsReceipt.KERNELS_CONFIG_PARAMETER, ""));
        for (Path file : paths(configs.get())) {
            if (atInstall.contains(file) || !LOADED.add(file)) {
                continue;
            }
            try {
                RecorderAgent.loadKernelsConfig(file);
            } catch (RuntimeException e) {
                LOADED.remove(file);
                throw new IllegalArgumentException("JUnit configuration parameter '"
                        + EmitsReceipt.KERNELS_CONFIG_PARAMETER + "': cannot load kernels config " + file + ": "
                        + e.getMessage(), e);
            }
        }
        if (!KernelRecorder.isActive()) {
            System.err.println("Honest Compute: kernels config loaded but the recorder is not active: "
                    + KernelRecorder.activationHint());
        }
    }

    private static boolean selfAttach(Function<String, Optional<String>> parameters) {
        // JUnit reads system properties as configuration parameters, but EngineTestKit turns that off: ask directly.
        Optional<String> value = parameters.apply(EmitsReceipt.SELF_ATTACH_PARAMETER)
                .or(() -> Optional.ofNullable(System.getProperty(EmitsReceipt.SELF_ATTACH_PARAMETER)))
                .map(String::trim);
        if (value.isEmpty()) {
            return true;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("JUnit configuration parameter '" + EmitsReceipt.SELF_ATTACH_PARAMETER
                        + "' is '" + value.get() + "'; expected true or false");
        }
    }

    /** The absolute, normalized config files of a path-separated list (the agent's own parsing). */
    private static Set<Path> paths(String list) {
        Set<Path> out = new java.util.LinkedHashSet<>();
        for (Path file : RecorderAgent.kernelsConfigFiles(list)) {
            out.add(file.toAbsolutePath().normalize());
        }
        return out;
    }
}
