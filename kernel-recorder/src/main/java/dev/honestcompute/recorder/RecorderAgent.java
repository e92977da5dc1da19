package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.AgentInstaller;
import dev.honestcompute.recorder.internal.KernelsConfig;
import net.bytebuddy.agent.ByteBuddyAgent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;

/**
 * The recorder's Java agent. Preferred: {@code -javaagent:} on the test JVM (Surefire/Failsafe {@code argLine}, see
 * {@link KernelRecorder#activationHint()}). Fallback: {@link #installIfNeeded()} self-attaches with a one-line warning.
 *
 * <p>After install a canary method inside the agent jar is called; only when its inlined advice is seen does
 * {@link KernelRecorder#isActive()} become true, so "the agent is silently off" cannot happen.
 *
 * <pre>{@code
 * if (!RecorderAgent.installIfNeeded()) {
 *     throw new IllegalStateException("kernel recorder inactive: " + KernelRecorder.activationHint());
 * }
 * }</pre>
 */
public final class RecorderAgent {

    private RecorderAgent() {
    }

    /** Entry point for {@code -javaagent:kernel-recorder.jar}. */
    public static void premain(String args, Instrumentation inst) {
        AgentInstaller.install(inst, "premain");
    }

    /** Entry point for dynamic attach. */
    public static void agentmain(String args, Instrumentation inst) {
        AgentInstaller.install(inst, "agentmain");
    }

    /**
     * Installs the agent by self-attach when it was not loaded with {@code -javaagent:}, printing a one-line warning
     * that names the preferred {@code argLine}. Returns whether the recorder is active (canary seen).
     */
    public static synchronized boolean installIfNeeded() {
        if (!AgentInstaller.installed()) {
            System.err.println("[honest-compute] WARNING: kernel recorder self-attached at runtime; prefer "
                    + "-javaagent (Surefire/Failsafe argLine: " + argLineHelp() + "; on JDK 21+ self-attach also needs "
                    + "-XX:+EnableDynamicAgentLoading to stay quiet)");
            Instrumentation inst;
            try {
                inst = ByteBuddyAgent.install();
            } catch (IllegalStateException e) {
                System.err.println("[honest-compute] kernel recorder could not self-attach (" + e.getMessage()
                        + "); add to the argLine: " + argLineHelp());
                return false;
            }
            AgentInstaller.install(inst, "self-attach");
        }
        return KernelRecorder.isActive();
    }

    /** Whether the agent is installed (by any route). {@link KernelRecorder#isActive()} also needs the canary. */
    public static boolean isInstalled() {
        return AgentInstaller.installed();
    }

    /** How the agent was installed: {@code premain}, {@code agentmain}, {@code self-attach} or {@code not installed}. */
    public static String installedBy() {
        return AgentInstaller.how();
    }

    /** Milliseconds the install took (config, transformation of loaded classes, canary), or -1. */
    public static double installMillis() {
        long n = AgentInstaller.installNanos();
        return n < 0 ? -1 : n / 1e6;
    }

    /** CPU milliseconds the installing thread spent in the install (less sensitive to a loaded machine), or -1. */
    public static double installCpuMillis() {
        long n = AgentInstaller.installCpuNanos();
        return n < 0 ? -1 : n / 1e6;
    }

    /** Time the transformer spent so far, and how many classes it was offered and changed, in one line. */
    public static String transformCosts() {
        return AgentInstaller.transformCosts();
    }

    /** The exact Maven Surefire/Failsafe {@code argLine} that loads the agent: {@value #ARG_LINE}. */
    public static String argLine() {
        return ARG_LINE;
    }

    /**
     * The Surefire/Failsafe {@code <argLine>} value. {@code ${dev.honestcompute:kernel-recorder:jar}} is set by
     * maven-dependency-plugin's {@code properties} goal; {@code @{argLine}} keeps other agents (JaCoCo) working.
     */
    public static final String ARG_LINE = "@{argLine} -javaagent:${dev.honestcompute:kernel-recorder:jar}";

    /** Where to put {@link #ARG_LINE} and what it needs, plus this JVM's jar path for Gradle or a plain JVM. */
    static String argLineHelp() {
        return ARG_LINE + " (jar path from maven-dependency-plugin's 'properties' goal; outside Maven: -javaagent:"
                + jarPath() + ")";
    }

    static String jarPath() {
        try {
            return Path.of(RecorderAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception | LinkageError e) {
            return "<unknown>";
        }
    }

    /**
     * Adds a kernels config file (e.g. from the JUnit configuration parameter {@code honestcompute.kernels.config})
     * after install; already-loaded classes are retransformed. Throws with file, JSON pointer and expectation when the
     * file is invalid, and {@link IllegalStateException} when the agent is not installed.
     *
     * @return the number of entries added
     */
    public static int loadKernelsConfig(Path file) {
        return AgentInstaller.addConfig(KernelsConfig.read(file)).size();
    }

    /**
     * Config entries that matched no method of any class loaded so far, one line each. Classes that were never loaded
     * cannot be checked; call this at the end of a test session to report entries that never applied.
     */
    public static List<String> unmatchedConfigEntries() {
        return AgentInstaller.unmatchedConfigEntries();
    }

    /**
     * {@link #unmatchedConfigEntries()} without the entries the recorder ships in its own jar for engines a project
     * may not use (Jlama's kernels): the entries of the project's own kernels configs that matched nothing, e.g. a
     * typo in a class name. A receipt without kernels names them.
     */
    public static List<String> unmatchedUserConfigEntries() {
        String shipped;
        try {
            shipped = "jar:" + RecorderAgent.class.getProtectionDomain().getCodeSource().getLocation() + "!/";
        } catch (RuntimeException e) {
            return unmatchedConfigEntries(); // no code source: nothing can be told apart, so nothing is hidden
        }
        List<String> out = new java.util.ArrayList<>();
        for (String line : unmatchedConfigEntries()) {
            if (!line.contains(shipped)) {
                out.add(line);
            }
        }
        return out;
    }

    /** Classes and methods the agent wanted to instrument but could not or would not, one line each. */
    public static List<String> transformErrors() {
        return AgentInstaller.errors();
    }

    /**
     * The part of {@link #transformErrors()} about kernels this JVM will not record, one line each: a {@code @Kernel}
     * on an abstract or native method, a {@code RETURNED_ZERO} kernel that does not return {@code int}, a kernel
     * class the agent could not instrument or had to skip (class loader, class file version). A receipt without
     * kernels names them.
     *
     * <pre>{@code
     * RecorderAgent.skippedKernels().forEach(System.err::println);
     * }</pre>
     */
    public static List<String> skippedKernels() {
        return AgentInstaller.skippedKernels();
    }

    /**
     * Every forgery seen in this JVM so far, one line each: classes outside the recorder's jar that name its runtime
     * or declare themselves in its packages, refused call-site links, refused reflection into Honest Compute's code.
     * The windows such code ran in already report them; this list is for a run summary.
     */
    public static List<String> forgeries() {
        return dev.honestcompute.recorder.internal.Forgeries.all();
    }

    /**
     * While a test session runs, only Honest Compute writes into its receipts directory: with the agent's JDK hooks
     * installed, any other code that opens a file there for writing, or moves, copies, links or renames a file into
     * it, gets a {@link SecurityException} and is recorded as a forgery (HC027). Called by the library's session
     * listener when a test plan starts; sessions nest, so each guard needs its own release.
     *
     * @throws IllegalCallerException when the caller is not Honest Compute's own code
     */
    public static void guardReceiptsDirectory(Path dir) {
        AgentInstaller.guardReceipts(dir, true);
    }

    /** Releases one {@link #guardReceiptsDirectory} of {@code dir}; Honest Compute's own code only, like it. */
    public static void releaseReceiptsDirectory(Path dir) {
        AgentInstaller.guardReceipts(dir, false);
    }

    /**
     * Whether {@code type} is Honest Compute's own code, recognized by where it was loaded from (the recorder's jar, or a
     * code source carrying the library marker {@code META-INF/honest-compute/library}), never by its package name. The
     * library's extensions use it to refuse evidence written by anyone else.
     */
    public static boolean isLibraryCode(Class<?> type) {
        return dev.honestcompute.recorder.internal.LibraryCode.isLibrary(type);
    }

    /**
     * The files of a kernels-config path list as {@code -Dhonestcompute.kernels.config} and the JUnit parameter of the
     * same name take it: entries separated by the platform's path separator, blanks ignored.
     */
    public static List<Path> kernelsConfigFiles(String pathList) {
        return KernelsConfig.files(pathList);
    }
}
