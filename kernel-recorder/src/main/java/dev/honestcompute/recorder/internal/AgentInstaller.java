package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.MockCompute;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Installs the recorder's transformations and runs the canary. Internal: use {@code RecorderAgent}. */
public final class AgentInstaller {


    static final String KERNEL = Kernel.class.getName();
    static final String MOCK_COMPUTE = MockCompute.class.getName();
    /** Every Mockito mock and spy call passes through this class's {@code doIntercept} (Mockito 5.x; 4.x name). */
    static final java.util.Set<String> MOCKITO_INTERCEPTORS = java.util.Set.of(
            "org.mockito.internal.creation.bytebuddy.access.MockMethodInterceptor",
            "org.mockito.internal.creation.bytebuddy.MockMethodInterceptor");
    static final String JCUDA_DRIVER = "jcuda.driver.JCudaDriver";
    static final String JCUBLAS2 = "jcuda.jcublas.JCublas2";
    static final java.util.regex.Pattern CUBLAS_COMPUTE =
            java.util.regex.Pattern.compile("cublas(?:[SDCZH]|Gemm|Gemv|Axpy|Dot|Scal).*");

    private static volatile Instrumentation instrumentation;
    private static volatile KernelTransformer transformer;
    private static volatile String how = "not installed";
    private static volatile long installNanos = -1;
    private static volatile long installCpuNanos = -1;
    private static final List<KernelsConfig.Entry> ENTRIES = new CopyOnWriteArrayList<>();
    private static final List<String> ERRORS = new CopyOnWriteArrayList<>();
    /** The part of {@link #ERRORS} about kernels that are not recorded: receipts name them when no kernel ran. */
    private static final List<String> SKIPPED_KERNELS = new CopyOnWriteArrayList<>();

    private AgentInstaller() {
    }

    public static boolean installed() {
        return instrumentation != null;
    }

    /** How the agent got in: {@code premain}, {@code agentmain}, {@code self-attach} or {@code not installed}. */
    public static String how() {
        return how;
    }

    /** Nanoseconds the install took (transform of loaded classes included), or -1. */
    public static long installNanos() {
        return installNanos;
    }

    /** CPU nanoseconds the installing thread spent in the install (less sensitive to a loaded machine), or -1. */
    public static long installCpuNanos() {
        return installCpuNanos;
    }

    /** Transformation errors seen so far (one line each). */
    public static List<String> errors() {
        return List.copyOf(ERRORS);
    }

    /** Kernels (annotated or configured) and kernel classes the agent left uninstrumented so far (one line each). */
    public static List<String> skippedKernels() {
        return List.copyOf(SKIPPED_KERNELS);
    }

    /** Config entries loaded so far. */
    public static List<KernelsConfig.Entry> configEntries() {
        return List.copyOf(ENTRIES);
    }

    /** Guards (or releases) a receipts directory for {@link FileGuard}; only the library's code may ask. */
    public static void guardReceipts(java.nio.file.Path dir, boolean guard) {
        if (guard) {
            FileGuard.guard(dir);
        } else {
            FileGuard.release(dir);
        }
    }

    /**
     * Installs the transformer once. Reads the kernels config first (an invalid config throws before any class is
     * changed), then retransforms the canary (and, when attached late, the already-loaded classes that need hooks),
     * then pings the canary.
     */
    public static synchronized void install(Instrumentation inst, String mode) {
        if (instrumentation != null) {
            return;
        }
        long t0 = System.nanoTime();
        TimingMode.parse(System.getProperty(TimingMode.PROPERTY)); // a typo must not silently leave timing off
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        KernelsConfig config = KernelsConfig.load(AgentInstaller.class.getClassLoader(),
                System.getProperty(KernelsConfig.PROPERTY));
        List<String> mockPackages = Arrays.stream(System.getProperty(MockGuard.MOCK_PACKAGES, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.endsWith(".") ? s : s + ".")
                .collect(Collectors.toList());
        ENTRIES.addAll(config.entries());
        java.util.Set<String> loadedJdk = new java.util.HashSet<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String n = c.getName().replace('.', '/');
            if (JdkHooks.ALL.contains(n)) {
                loadedJdk.add(n);
            }
        }
        // the bridge must be on the boot class path before java.base code that calls it can be inserted
        String bootProblem = BootJar.append(inst);
        if (bootProblem == null) {
            try {
                BridgeInstall.install(!loadedJdk.contains(JdkHooks.FUTURE_TASK));
            } catch (RuntimeException | LinkageError e) {
                bootProblem = e.toString();
            }
        }
        boolean bridged = bootProblem == null;
        if (bridged) {
            Recording.propagation(loadedJdk.contains(JdkHooks.FORK_JOIN_TASK)
                    ? "partial: threads and executors; ForkJoin tasks (parallel streams, the common pool, "
                    + "CompletableFuture) were loaded before the agent attached and run as background; load the "
                    + "agent with -javaagent for exact attribution"
                    : "full: threads, executors, ForkJoin tasks (parallel streams, the common pool, CompletableFuture)");
        } else {
            skipped("context propagation and the reflection guard are off: the boot bridge could not be installed ("
                    + bootProblem + "); only calls on a window's own thread are attributed");
            Recording.propagation("off: " + bootProblem);
        }
        KernelTransformer t = new KernelTransformer(config.entries(), mockPackages, agentPackages(), bridged);
        // retransform-capable, so later retransformations (e.g. Mockito's) start from the original bytes and keep
        // the hooks
        inst.addTransformer(t, true);
        transformer = t;
        List<Class<?>> classes = new ArrayList<>();
        classes.add(Canary.class);
        if (bridged) {
            for (Class<?> c : inst.getAllLoadedClasses()) {
                String n = c.getName().replace('.', '/');
                if (JdkHooks.ALL.contains(n) && !JdkHooks.NEED_FIELD.contains(n) && inst.isModifiableClass(c)) {
                    classes.add(c);
                }
            }
        }
        if (!mode.equals("premain")) {
            // premain runs before any application class is loaded; after a late attach, kernels may be loaded already
            classes.addAll(loaded(inst, t, config.entries(), true));
        }
        retransform(inst, classes);
        instrumentation = inst;
        how = mode;
        Canary.ping();
        installNanos = System.nanoTime() - t0;
        installCpuNanos = cpu0 < 0 ? -1 : threads.getCurrentThreadCpuTime() - cpu0;
    }

    /** The packages of the agent's own jar (or class directory): no class from elsewhere may join them. */
    private static java.util.Set<String> agentPackages() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        String location = LibraryCode.agentLocation();
        try {
            java.nio.file.Path p = java.nio.file.Path.of(new java.net.URL(location).toURI());
            if (java.nio.file.Files.isDirectory(p)) {
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(p)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                        String rel = p.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.');
                        if (!rel.startsWith("META-INF")) {
                            out.add(rel);
                        }
                    });
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(p.toFile(), false)) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && n.indexOf('/') > 0)
                            .forEach(n -> out.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
                }
            }
        } catch (Exception e) {
            skipped("could not list the recorder jar's packages (" + e + "); classes declaring themselves in them are"
                    + " not recognized as forgeries by package");
        }
        out.removeIf(pkg -> !pkg.startsWith("dev.honestcompute."));
        return out;
    }

    /**
     * Adds a kernels config after install (e.g. from the JUnit configuration parameter); loaded classes it matches
     * are retransformed. Returns the new entries.
     */
    public static synchronized List<KernelsConfig.Entry> addConfig(List<KernelsConfig.Entry> entries) {
        Instrumentation inst = instrumentation;
        if (inst == null) {
            throw new IllegalStateException("the recorder agent is not installed; cannot add a kernels config");
        }
        ENTRIES.addAll(entries);
        transformer.add(entries);
        retransform(inst, loaded(inst, transformer, entries, false));
        return entries;
    }

    /** Time the transformer spent so far, and how many classes it was offered and changed. */
    public static String transformCosts() {
        KernelTransformer t = transformer;
        if (t == null) {
            return "not installed";
        }
        long[] c = t.costs();
        return String.format(java.util.Locale.ROOT, "%.1f ms in the transformer; %d classes offered, %d changed",
                c[0] / 1e6, c[1], c[2]);
    }

    private static List<Class<?>> loaded(Instrumentation inst, KernelTransformer t, List<KernelsConfig.Entry> entries,
                                         boolean builtIns) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c != Canary.class && !c.isArray() && !c.isPrimitive() && !c.isAnnotation()
                    && inst.isModifiableClass(c) && (t.candidate(c, entries, builtIns)
                    || (builtIns && fromClassDirectory(c)))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * After a late attach the forgery scan must still see the test's own classes, which are usually loaded already:
     * classes from class directories (a build's {@code target/classes} and {@code target/test-classes}) are offered
     * again. Classes from jars loaded before the attach are not scanned; {@code -javaagent} scans every class.
     */
    private static boolean fromClassDirectory(Class<?> c) {
        if (c.getClassLoader() == null || c.isHidden()) {
            return false;
        }
        String location = LibraryCode.location(c);
        return location.startsWith("file:") && location.endsWith("/") && !LibraryCode.isLibraryLocation(location);
    }

    private static void retransform(Instrumentation inst, List<Class<?>> classes) {
        if (classes.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            // one bad class fails the whole batch: retry one by one so the others still get their hooks
            for (Class<?> c : classes) {
                try {
                    inst.retransformClasses(c);
                } catch (UnmodifiableClassException | RuntimeException | LinkageError each) {
                    couldNotInstrument(c.getName(), each);
                }
            }
        }
    }

    /** A class the agent wanted to change but could not: kept, and printed, never silent. */
    static void couldNotInstrument(String typeName, Throwable error) {
        String line = "could not instrument " + typeName + ": " + error;
        ERRORS.add(line);
        SKIPPED_KERNELS.add(line);
        // never silent: a class the agent skipped has kernels no receipt will ever list
        System.err.println("[honest-compute] WARNING: " + line + "; its kernels will not be recorded");
    }

    /** A method or class deliberately left alone, with the reason: listed by {@link #errors()} and printed. */
    static void skipped(String line) {
        ERRORS.add(line);
        System.err.println("[honest-compute] WARNING: " + line);
    }

    /** {@link #skipped}, for a kernel (or a class that may hold kernels) that will not be recorded. */
    static void skippedKernel(String line) {
        SKIPPED_KERNELS.add(line);
        skipped(line);
    }

    /** For messages: the loaded config entries that matched no method of any class transformed so far. */
    public static List<String> unmatchedConfigEntries() {
        List<String> out = new ArrayList<>();
        for (KernelsConfig.Entry e : ENTRIES) {
            if (!e.matched()) {
                out.add("config entry matched no class loaded so far: " + e);
            }
        }
        return out;
    }
}
