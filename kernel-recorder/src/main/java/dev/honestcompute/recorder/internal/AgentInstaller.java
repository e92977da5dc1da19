package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.MockCompute;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

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
    private static volatile String how = "not installed";
    private static volatile long installNanos = -1;
    private static volatile long installCpuNanos = -1;
    private static final List<KernelsConfig.Entry> ENTRIES = new CopyOnWriteArrayList<>();
    private static final List<String> ERRORS = new CopyOnWriteArrayList<>();

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

    /** Config entries loaded so far. */
    public static List<KernelsConfig.Entry> configEntries() {
        return List.copyOf(ENTRIES);
    }

    /**
     * Installs the transformations once. Reads the kernels config first (an invalid config throws before any
     * class is changed), then retransforms already-loaded classes, then pings the canary.
     */
    public static synchronized void install(Instrumentation inst, String mode) {
        if (instrumentation != null) {
            return;
        }
        long t0 = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        KernelsConfig config = KernelsConfig.load(AgentInstaller.class.getClassLoader(),
                System.getProperty(KernelsConfig.PROPERTY));
        List<String> mockPackages = Arrays.stream(System.getProperty(MockGuard.MOCK_PACKAGES, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.endsWith(".") ? s : s + ".")
                .collect(Collectors.toList());
        ENTRIES.addAll(config.entries());
        // premain runs before any application class is loaded: only the canary (already loaded by the class literals
        // here) is retransformed now; the transformer stays retransform-capable, so later retransformations (e.g.
        // Mockito's) keep our advice.
        AgentBuilder builder = agentBuilder(new Transformation(config.entries(), mockPackages, true),
                mode.equals("premain"));
        builder.installOn(inst);
        instrumentation = inst;
        how = mode;
        Canary.ping();
        installNanos = System.nanoTime() - t0;
        installCpuNanos = cpu0 < 0 ? -1 : threads.getCurrentThreadCpuTime() - cpu0;
    }

    /**
     * Adds a kernels config after install (e.g. from the JUnit configuration parameter); classes already loaded are
     * retransformed. Returns the new entries.
     */
    public static synchronized List<KernelsConfig.Entry> addConfig(List<KernelsConfig.Entry> entries) {
        Instrumentation inst = instrumentation;
        if (inst == null) {
            throw new IllegalStateException("the recorder agent is not installed; cannot add a kernels config");
        }
        ENTRIES.addAll(entries);
        agentBuilder(new Transformation(entries, List.of(), false), false).installOn(inst);
        return entries;
    }

    private static AgentBuilder agentBuilder(Transformation t, boolean skipLoadedClasses) {
        // Advice is inlined and no type initializer is ever added, so ByteBuddy's Nexus is never used. Left on, the
        // AgentBuilder constructor injects it into the system class loader through sun.misc.Unsafe: that costs class
        // loading at install and makes JDK 24+ print "terminally deprecated method" warnings in every test JVM.
        // The property name follows the (relocated) package, so it only affects this copy of ByteBuddy.
        String nexusDisabled = ByteBuddy.class.getPackage().getName() + ".nexus.disabled";
        if (System.getProperty(nexusDisabled) == null) {
            System.setProperty(nexusDisabled, "true");
        }
        return new AgentBuilder.Default(new ByteBuddy().with(net.bytebuddy.dynamic.scaffold.TypeValidation.DISABLED))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .disableClassFormatChanges()
                // Advice is inlined: nothing to inject, and no Unsafe-based injector warnings on JDK 24+.
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(skipLoadedClasses
                        ? new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(Canary.class)
                        : AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new ErrorListener())
                .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun.")).or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("dev.honestcompute.recorder.shaded."))
                        .or(nameStartsWith("dev.honestcompute.recorder.internal.")
                                .and(net.bytebuddy.matcher.ElementMatchers.not(named(Canary.class.getName()))))
                        .or(nameStartsWith("org.mockito.").and(net.bytebuddy.matcher.ElementMatchers.not(
                                net.bytebuddy.matcher.ElementMatchers.namedOneOf(MOCKITO_INTERCEPTORS.toArray(new String[0])))))
                        .or(nameStartsWith("org.junit.")).or(nameStartsWith("org.apache.maven."))
                        .or(nameStartsWith("org.assertj.")).or(nameStartsWith("org.gradle.")))
                .type(t)
                .transform(t);
    }

    /** Decides which types to touch and inlines the advice into their kernel and mock methods. */
    private static final class Transformation implements ElementMatcher<TypeDescription>, AgentBuilder.Transformer {
        private final List<KernelsConfig.Entry> entries;
        private final List<String> mockPackages;
        private final boolean builtIns;
        private final TypeDescription kernelAdvice = TypeDescription.ForLoadedType.of(KernelAdvice.class);
        private final ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(AgentInstaller.class.getClassLoader());

        Transformation(List<KernelsConfig.Entry> entries, List<String> mockPackages, boolean builtIns) {
            this.entries = entries;
            this.mockPackages = mockPackages;
            this.builtIns = builtIns;
        }

        @Override
        public boolean matches(TypeDescription type) {
            if (type.isInterface() || type.isAnnotation()) {
                return false;
            }
            for (KernelsConfig.Entry e : entries) {
                if (e.matchesType(type)) {
                    return true;
                }
            }
            if (!builtIns) {
                return false;
            }
            String name = type.getName();
            if (name.equals(Canary.class.getName()) || name.equals(JCUDA_DRIVER) || name.equals(JCUBLAS2)
                    || MOCKITO_INTERCEPTORS.contains(name) || isMockPackage(name)
                    || type.getDeclaredAnnotations().isAnnotationPresent(MockCompute.class)) {
                return true;
            }
            for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
                if (m.getDeclaredAnnotations().isAnnotationPresent(Kernel.class)
                        || m.getDeclaredAnnotations().isAnnotationPresent(MockCompute.class)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isMockPackage(String name) {
            for (String p : mockPackages) {
                if (name.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                ClassLoader loader, JavaModule module, ProtectionDomain domain) {
            if (!seesRecorder(loader)) {
                ERRORS.add("skipped " + type.getName() + ": its class loader " + loader
                        + " cannot see the recorder (put kernel-recorder on the same class path)");
                return builder;
            }
            String name = type.getName();
            boolean kernelFound = false;
            if (builtIns && name.equals(Canary.class.getName())) {
                return builder.visit(kernel(Recording.CANARY, KernelAdvice.class).on(named("ping")));
            }
            if (builtIns && MOCKITO_INTERCEPTORS.contains(name)) {
                return builder.visit(Advice.to(MockitoInterceptAdvice.class, locator)
                        .on(named("doIntercept").and(net.bytebuddy.matcher.ElementMatchers.takesArgument(1,
                                java.lang.reflect.Method.class))));
            }
            if (builtIns && name.equals(JCUDA_DRIVER)) {
                builder = builder.visit(Advice.to(CudaFunctionAdvice.class, locator).on(named("cuModuleGetFunction")
                        .and(net.bytebuddy.matcher.ElementMatchers.isPublic())
                        .and(net.bytebuddy.matcher.ElementMatchers.takesArguments(3))
                        .and(net.bytebuddy.matcher.ElementMatchers.returns(int.class))));
                builder = builder.visit(Advice.to(CudaLaunchAdvice.class, locator).on(
                        net.bytebuddy.matcher.ElementMatchers.<MethodDescription>namedOneOf("cuLaunchKernel",
                                "cuLaunchCooperativeKernel")
                        .and(net.bytebuddy.matcher.ElementMatchers.isPublic())
                        .and(net.bytebuddy.matcher.ElementMatchers.not(net.bytebuddy.matcher.ElementMatchers.isNative()))
                        .and(net.bytebuddy.matcher.ElementMatchers.returns(int.class))));
                return builder;
            }
            if (builtIns && name.equals(JCUBLAS2)) {
                for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
                    if (m.isPublic() && m.isStatic() && !m.isNative()
                            && m.getReturnType().represents(int.class)
                            && CUBLAS_COMPUTE.matcher(m.getName()).matches() && !m.getName().endsWith("Native")) {
                        int k = Recording.registerInstrumented("cublas:" + m.getName(), "cuda");
                        builder = builder.visit(kernel(k, ZeroStatusKernelAdvice.class).on(is(m)));
                    }
                }
                return builder;
            }
            boolean wholeTypeIsMock = builtIns && (isMockPackage(name)
                    || type.getDeclaredAnnotations().isAnnotationPresent(MockCompute.class));
            for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
                if (m.isAbstract() || m.isNative()) {
                    continue;
                }
                AnnotationDescription kernel = m.getDeclaredAnnotations().ofType(Kernel.class);
                if (builtIns && kernel != null) {
                    String id = kernel.getValue("id").resolve(String.class);
                    String backend = kernel.getValue("backend").resolve(String.class);
                    String success = kernel.getValue("success").resolve(EnumerationDescription.class).getValue();
                    List<String> requires = Arrays.asList(kernel.getValue("requires").resolve(String[].class));
                    builder = instrumentKernel(builder, type, m, id, backend, requires,
                            success.equals("RETURNED_ZERO"), null);
                    kernelFound = true;
                    continue;
                }
                for (KernelsConfig.Entry e : entries) {
                    if (e.matchesType(type) && e.matchesMethod(m)) {
                        e.markMatched();
                        builder = instrumentKernel(builder, type, m, e.id(), e.backend(), e.requires(),
                                e.success() == KernelsConfig.Success.RETURNED_ZERO, e);
                        kernelFound = true;
                        break;
                    }
                }
                if (builtIns && !m.isConstructor() && !m.isTypeInitializer() && (wholeTypeIsMock
                        || m.getDeclaredAnnotations().isAnnotationPresent(MockCompute.class)) && m.isMethod()) {
                    builder = builder.visit(Advice.withCustomMapping().bind(KernelName.class, mockName(type, m))
                            .to(MockEntryAdvice.class, locator).on(is(m)));
                }
            }
            if (kernelFound) {
                MockGuard.kernelClass(name);
            }
            return builder;
        }

        private DynamicType.Builder<?> instrumentKernel(DynamicType.Builder<?> builder, TypeDescription type,
                                                        MethodDescription.InDefinedShape m, String idTemplate,
                                                        String backend, List<String> requires, boolean zeroStatus,
                                                        KernelsConfig.Entry entry) {
            if (zeroStatus && !m.getReturnType().represents(int.class)) {
                ERRORS.add(type.getName() + "." + m.getName() + m.getDescriptor() + ": success RETURNED_ZERO needs an "
                        + "int return type; not instrumented" + (entry == null ? "" : " (" + entry.where() + ")"));
                return builder;
            }
            if (entry != null && entry.needsRuntimeClass(m) && !zeroStatus) {
                int template = IdTemplates.add(idTemplate, backend, requires, m.getName(), m.getParameters().size());
                return builder.visit(kernel(template, RuntimeClassKernelAdvice.class).on(is(m)));
            }
            String id = IdTemplates.expand(idTemplate, type.getName(),
                    IdTemplates.simpleName(type.getName(), type.getSimpleName()), m.getName(), m.getParameters().size());
            int k = Recording.registerInstrumented(id, backend, requires);
            return builder.visit(kernel(k, zeroStatus ? ZeroStatusKernelAdvice.class : KernelAdvice.class).on(is(m)));
        }

        private Advice kernel(int index, Class<?> advice) {
            return Advice.withCustomMapping().bind(KernelIndex.class, index).to(
                    advice == KernelAdvice.class ? kernelAdvice : TypeDescription.ForLoadedType.of(advice), locator);
        }

        private static String mockName(TypeDescription type, MethodDescription m) {
            AnnotationDescription a = m.getDeclaredAnnotations().ofType(MockCompute.class);
            if (a == null) {
                a = type.getDeclaredAnnotations().ofType(MockCompute.class);
            }
            String why = a == null ? "" : a.getValue("value").resolve(String.class);
            return (a == null ? "mock-package class " : "@MockCompute ") + type.getName() + "#" + m.getName()
                    + (why.isEmpty() ? "" : " (\"" + why + "\")");
        }

        private static boolean seesRecorder(ClassLoader loader) {
            if (loader == null) {
                return false;
            }
            try {
                return Class.forName(Recording.class.getName(), false, loader) == Recording.class;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /** Collects transformation errors instead of losing them. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            String line = "could not instrument " + typeName + ": " + throwable;
            ERRORS.add(line);
            // never silent: a class the agent skipped has kernels no receipt will ever list
            System.err.println("[honest-compute] WARNING: " + line + "; its kernels will not be recorded");
        }
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
