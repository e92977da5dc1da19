package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recorder's class file transformer. Every class the JVM loads passes a cheap filter first (its name, and a byte
 * search for the recorder's annotation descriptors); only a class that may hold kernels or mock compute is parsed
 * (ASM, one pass) and rewritten (a second pass, copying untouched methods). Registered retransform-capable, so a
 * later retransformation (Mockito's inline mock maker, a kernels config added at runtime) keeps the hooks.
 */
final class KernelTransformer implements ClassFileTransformer {

    private static final String[] IGNORED = {"java.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.",
        "dev.honestcompute.recorder.shaded.", "org.junit.", "org.apache.maven.", "org.assertj.", "org.gradle."};
    private static final byte[][] ANNOTATIONS = {ClassShape.KERNEL_DESC.getBytes(StandardCharsets.US_ASCII),
        ClassShape.MOCK_COMPUTE_DESC.getBytes(StandardCharsets.US_ASCII)};
    private static final String CANARY = Canary.class.getName();

    private static final byte[][] SIMD_OR_NATIVE = {
        "jdk/incubator/vector/".getBytes(StandardCharsets.US_ASCII),
        "java/lang/foreign/".getBytes(StandardCharsets.US_ASCII),
        "jdk/incubator/foreign/".getBytes(StandardCharsets.US_ASCII)};

    private final List<KernelsConfig.Entry> entries = new CopyOnWriteArrayList<>();
    private final List<String> mockPackages;
    private final java.util.Set<String> agentPackages;
    /** Whether {@code java.base} may be changed: the boot bridge is in place. */
    private final boolean jdkHooks;
    private final Map<ClassLoader, Map<String, List<String>>> supertypes = new WeakHashMap<>();
    private final Map<String, List<String>> bootSupertypes = new ConcurrentHashMap<>();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong rewritten = new AtomicLong();

    KernelTransformer(List<KernelsConfig.Entry> entries, List<String> mockPackages, java.util.Set<String> agentPackages,
                      boolean jdkHooks) {
        this.entries.addAll(entries);
        this.mockPackages = List.copyOf(mockPackages);
        this.agentPackages = java.util.Set.copyOf(agentPackages);
        this.jdkHooks = jdkHooks;
    }

    void add(List<KernelsConfig.Entry> more) {
        entries.addAll(more);
    }

    /** Nanoseconds spent in {@link #transform} so far, classes offered, classes changed. */
    long[] costs() {
        return new long[] {nanos.get(), seen.get(), rewritten.get()};
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        long t0 = System.nanoTime();
        try {
            if (internalName == null) {
                return null;
            }
            seen.incrementAndGet();
            if (loader == null) {
                return jdkHooks && JdkHooks.ALL.contains(internalName)
                        ? JdkHooks.rewrite(internalName, bytes, redefined == null) : null;
            }
            String name = internalName.replace('/', '.');
            String location = LibraryCode.location(domain);
            if (LibraryCode.fromAgent(location)) {
                return name.equals(CANARY) ? rewrite(loader, name, bytes, -1) : null;
            }
            if (!location.startsWith("jrt:") && !LibraryCode.isLibraryLocation(location)) {
                String forged = ForgeryScan.check(name, bytes, agentPackages);
                if (forged != null) {
                    int index = Forgeries.loaded(name, location, forged);
                    return seesRecorder(loader) ? rewrite(loader, name, bytes, index) : null;
                }
            }
            if (EngineProbes.probed(name) && seesRecorder(loader)) {
                // an engine's own method an evidence source needs to see (ONNX Runtime, llama.cpp, Jlama)
                byte[] probed = EngineProbes.rewrite(loader, name, location, bytes);
                if (probed != null) {
                    byte[] both = ignored(name) || !candidate(name, probed, loader) ? null
                            : rewrite(loader, name, probed, -1);
                    return both != null ? both : probed;
                }
            }
            if (ignored(name) || !candidate(name, bytes, loader)) {
                return null;
            }
            return rewrite(loader, name, bytes, -1);
        } catch (Throwable t) {
            AgentInstaller.couldNotInstrument(internalName == null ? "<unnamed>" : internalName.replace('/', '.'), t);
            return null;
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    /** Packages never instrumented: the JDK, the recorder itself (but its canary), test frameworks, build tools. */
    static boolean ignored(String name) {
        for (String p : IGNORED) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        if (name.startsWith("dev.honestcompute.recorder.internal.")) {
            return !name.equals(CANARY);
        }
        return name.startsWith("org.mockito.") && !AgentInstaller.MOCKITO_INTERCEPTORS.contains(name);
    }

    /** The cheap filter: may this class hold kernels, mock compute or a built-in probe? */
    private boolean candidate(String name, byte[] bytes, ClassLoader loader) {
        if (builtIn(name) || isMockPackage(name) || mentionsRecorderAnnotation(bytes)) {
            return true;
        }
        Supertypes supers = supertypes(loader, name, bytes);
        for (KernelsConfig.Entry e : entries) {
            if (e.matchesType(name, supers)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a loaded class may need hooks (for retransformation after attach or a config added later). */
    boolean candidate(Class<?> type, List<KernelsConfig.Entry> among, boolean builtIns) {
        String name = type.getName();
        if (ignored(name)) {
            return false;
        }
        if (builtIns) {
            if (builtIn(name) || isMockPackage(name)) {
                return true;
            }
            try {
                if (annotated(type.getDeclaredAnnotations())) {
                    return true;
                }
                for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                    if (annotated(m.getDeclaredAnnotations())) {
                        return true;
                    }
                }
            } catch (Throwable e) {
                // reflection cannot read it (a signature that does not resolve): let the transformer read its bytes
                return true;
            }
        }
        Supertypes supers = Supertypes.ofLoaded(type);
        for (KernelsConfig.Entry e : among) {
            if (e.matchesType(name, supers)) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotated(java.lang.annotation.Annotation[] annotations) {
        for (java.lang.annotation.Annotation a : annotations) {
            String n = a.annotationType().getName();
            if (n.equals(AgentInstaller.KERNEL) || n.equals(AgentInstaller.MOCK_COMPUTE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean builtIn(String name) {
        return name.equals(CANARY) || name.equals(AgentInstaller.JCUDA_DRIVER) || name.equals(AgentInstaller.JCUBLAS2)
                || AgentInstaller.MOCKITO_INTERCEPTORS.contains(name) || EngineProbes.probed(name);
    }

    private boolean isMockPackage(String name) {
        for (String p : mockPackages) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the constant pool may name {@code @Kernel} or {@code @MockCompute}: a byte search, no parsing. */
    static boolean mentionsRecorderAnnotation(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 'L') {
                for (byte[] descriptor : ANNOTATIONS) {
                    if (startsWith(bytes, i, descriptor)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int k = 1; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Supertypes for config entries with {@code "subtypes": true}: the class being loaded from its own bytes, the
     * others from their class files as {@code loader} finds them (never by loading them), cached per loader.
     */
    private Supertypes supertypes(ClassLoader loader, String root, byte[] rootBytes) {
        return name -> {
            if (name.equals(root)) {
                return header(new ClassReader(rootBytes));
            }
            Map<String, List<String>> cache;
            if (loader == null) {
                cache = bootSupertypes;
            } else {
                synchronized (supertypes) {
                    cache = supertypes.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
                }
            }
            return cache.computeIfAbsent(name, n -> readHeader(loader, n));
        };
    }

    private static List<String> readHeader(ClassLoader loader, String name) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? List.of() : header(new ClassReader(in));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> header(ClassReader reader) {
        List<String> out = new ArrayList<>();
        if (reader.getSuperName() != null) {
            out.add(reader.getSuperName().replace('/', '.'));
        }
        for (String i : reader.getInterfaces()) {
            out.add(i.replace('/', '.'));
        }
        return out;
    }

    /**
     * Rewrites the class: its kernels and probes, or, for a forging class ({@code forgery >= 0}), only a
     * {@code Forgeries.ran} call at every method's entry (its own kernels are not recorded).
     */
    private byte[] rewrite(ClassLoader loader, String name, byte[] bytes, int forgery) {
        ClassReader reader = new ClassReader(bytes);
        // interfaces stay in: their default and static methods can be kernels too
        if ((reader.getAccess() & (Opcodes.ACC_ANNOTATION | Opcodes.ACC_MODULE)) != 0) {
            return null;
        }
        if (!seesRecorder(loader)) {
            AgentInstaller.skippedKernel("skipped " + name + ": its class loader " + loader
                    + " cannot see the recorder (put kernel-recorder on the same class path)");
            return null;
        }
        boolean frames = (readVersion(bytes) & 0xFFFF) >= Opcodes.V1_6;
        ClassShape shape = ClassShape.read(reader);
        Map<String, MethodHooks> plan;
        if (forgery >= 0) {
            plan = new HashMap<>();
            for (ClassShape.Method m : shape.methods) {
                if (!m.is(Opcodes.ACC_ABSTRACT) && !m.is(Opcodes.ACC_NATIVE)) {
                    plan.computeIfAbsent(m.name + m.descriptor, k -> new MethodHooks()).forgery = forgery;
                }
            }
        } else {
            if ((readVersion(bytes) & 0xFFFF) < Opcodes.V1_7) {
                AgentInstaller.skippedKernel("skipped " + name + ": class file version " + (readVersion(bytes) & 0xFFFF)
                        + " predates invokedynamic (Java 7), which the recorder's call sites need; recompile it for"
                        + " Java 7 or later");
                return null;
            }
            plan = new MethodPlanner(shape, loader, entries, supertypes(loader, name, bytes), isMockPackage(name),
                    mentionsAny(bytes, SIMD_OR_NATIVE) || nestUsesSimdOrNative(loader, shape)).plan();
        }
        if (plan.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        String owner = name.replace('.', '/');
        Map<String, ClassShape.Method> methods = new HashMap<>();
        for (ClassShape.Method m : shape.methods) {
            methods.put(m.name + m.descriptor, m);
        }
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
                MethodHooks hooks = plan.get(method + descriptor);
                return hooks == null ? next
                        : new HookedMethod(next, owner, methods.get(method + descriptor), hooks, frames);
            }
        }, ClassReader.EXPAND_FRAMES);
        rewritten.incrementAndGet();
        return writer.toByteArray();
    }

    /**
     * A nested class is part of its host's code: a {@code Gemmer} inner class whose outer class computes through the
     * Vector API (Jlama's {@code PanamaTensorOperations}) backs a cpu-simd claim. The host is read from its class file
     * (as the loader finds it), never loaded.
     */
    private static boolean nestUsesSimdOrNative(ClassLoader loader, ClassShape shape) {
        if (shape.nestHost == null) {
            return false;
        }
        String resource = shape.nestHost.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in != null && mentionsAny(in.readNBytes(16 * 1024 * 1024), SIMD_OR_NATIVE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the class file contains any of {@code needles} (e.g. a package of the Vector API). */
    static boolean mentionsAny(byte[] bytes, byte[][] needles) {
        for (int i = 0; i < bytes.length; i++) {
            for (byte[] needle : needles) {
                if (bytes[i] == needle[0] && startsWith(bytes, i, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int readVersion(byte[] bytes) {
        return ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    }

    static boolean seesRecorder(ClassLoader loader) {
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
