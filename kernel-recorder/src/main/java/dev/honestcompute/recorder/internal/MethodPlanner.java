package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Backend;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the {@link MethodHooks} of each method of one class: the built-in probes (canary, Mockito's interceptor,
 * JCuda, cuBLAS), {@code @Kernel} methods, kernels config entries and mock compute. Registers the kernels it finds
 * and plans their call sites ({@link Linkage}), so both are fixed before the class runs.
 */
final class MethodPlanner {

    static final String CPU_SIMD_UNVERIFIED = "declared cpu-simd, but its class uses neither the Vector API "
            + "(jdk.incubator.vector) nor a native or FFM (java.lang.foreign) call";
    static final String GPU_UNVERIFIED = "declared %s, but no device launch was observed at a driver boundary "
            + "(JCuda, cuBLAS) while it ran";

    private final ClassShape type;
    private final ClassLoader loader;
    private final List<KernelsConfig.Entry> entries = new ArrayList<>();
    private final boolean mockPackage;
    private final boolean usesSimdOrNative;
    private final Map<String, MethodHooks> plan = new LinkedHashMap<>();

    MethodPlanner(ClassShape type, ClassLoader loader, List<KernelsConfig.Entry> all, Supertypes supertypes,
                  boolean mockPackage, boolean usesSimdOrNative) {
        this.type = type;
        this.loader = loader;
        this.mockPackage = mockPackage;
        this.usesSimdOrNative = usesSimdOrNative || type.methods.stream().anyMatch(m -> m.is(Opcodes.ACC_NATIVE));
        for (KernelsConfig.Entry e : all) {
            if (e.matchesType(type.name, supertypes)) {
                entries.add(e);
            }
        }
    }

    /** Hooks by method name + descriptor; empty when nothing in the class needs any. */
    Map<String, MethodHooks> plan() {
        String name = type.name;
        if (name.equals(Canary.class.getName())) {
            for (ClassShape.Method m : type.methods) {
                if (m.name.equals("ping")) {
                    hooks(m).exit(Linkage.Action.CANARY, site(Linkage.Action.CANARY, Registry.CANARY, 0));
                }
            }
            return plan;
        }
        if (AgentInstaller.MOCKITO_INTERCEPTORS.contains(name)) {
            for (ClassShape.Method m : type.methods) {
                if (m.name.equals("doIntercept") && !m.is(Opcodes.ACC_STATIC)
                        && m.descriptor.startsWith("(Ljava/lang/Object;Ljava/lang/reflect/Method;")) {
                    hooks(m).mockitoIntercept = true;
                }
            }
            return plan;
        }
        if (name.equals(AgentInstaller.JCUDA_DRIVER)) {
            for (ClassShape.Method m : type.methods) {
                if (!wrapsNative(m)) {
                    continue;
                }
                if (m.name.equals("cuModuleGetFunction") && Descriptors.parameterCount(m.descriptor) == 3) {
                    hooks(m).atNativeCall(m.name + "Native", Linkage.Action.CUDA_FUNCTION,
                            site(Linkage.Action.CUDA_FUNCTION, 0, 0));
                } else if (m.name.equals("cuLaunchKernel") || m.name.equals("cuLaunchCooperativeKernel")) {
                    hooks(m).atNativeCall(m.name + "Native", Linkage.Action.CUDA_LAUNCH,
                            site(Linkage.Action.CUDA_LAUNCH, 0, 0));
                }
            }
            return plan;
        }
        if (name.equals(AgentInstaller.JCUBLAS2)) {
            for (ClassShape.Method m : type.methods) {
                if (m.is(Opcodes.ACC_STATIC) && AgentInstaller.CUBLAS_COMPUTE.matcher(m.name).matches()
                        && !m.name.endsWith("Native") && wrapsNative(m)) {
                    int k = Registry.driver("cublas:" + m.name, Backend.CUDA);
                    hooks(m).atNativeCall(m.name + "Native", Linkage.Action.CUBLAS, site(Linkage.Action.CUBLAS, k, 0));
                }
            }
            return plan;
        }
        boolean wholeTypeIsMock = mockPackage || type.mockCompute != null;
        boolean kernelFound = false;
        for (ClassShape.Method m : type.methods) {
            if (m.is(Opcodes.ACC_ABSTRACT) || m.is(Opcodes.ACC_NATIVE)) {
                if (m.kernel != null) {
                    // annotations are not inherited and a native method has no Java body: never record nothing silently
                    AgentInstaller.skippedKernel("@Kernel(id = \"" + m.kernel.id + "\") on " + type.name + "." + m.name
                            + m.descriptor + " is not recorded: " + (m.is(Opcodes.ACC_NATIVE)
                            ? "a native method has no Java body; put @Kernel on the Java wrapper that calls it"
                            : "the method is abstract and annotations are not inherited; put @Kernel on the "
                                    + "implementations, or match them with a kernels config entry (\"subtypes\": true)"));
                }
                continue;
            }
            if (m.kernel != null && m.isMethod()) {
                ClassShape.KernelAnnotation k = m.kernel;
                kernelFound |= kernel(m, k.id, k.backend, k.requires, k.returnedZero, null);
            } else {
                for (KernelsConfig.Entry e : entries) {
                    if (e.matchesMethod(m.name, m.descriptor, m.access)) {
                        e.markMatched();
                        kernelFound |= kernel(m, e.id(), e.backend(), e.requires(),
                                e.success() == KernelsConfig.Success.RETURNED_ZERO, e);
                        break;
                    }
                }
            }
            if (m.isMethod() && (wholeTypeIsMock || m.mockCompute != null)) {
                hooks(m).mockName = mockName(m);
            }
        }
        if (kernelFound) {
            MockGuard.kernelClass(name);
        }
        return plan;
    }

    /** A public wrapper that returns JCuda's int status and whose class declares the native method it calls. */
    private boolean wrapsNative(ClassShape.Method m) {
        if (!m.is(Opcodes.ACC_PUBLIC) || m.is(Opcodes.ACC_NATIVE) || !Descriptors.returnsInt(m.descriptor)) {
            return false;
        }
        for (ClassShape.Method n : type.methods) {
            if (n.name.equals(m.name + "Native") && n.is(Opcodes.ACC_NATIVE) && Descriptors.returnsInt(n.descriptor)) {
                return true;
            }
        }
        return false;
    }

    private int site(Linkage.Action action, int a, int b) {
        return Linkage.plan(type.name, loader, action, a, b);
    }

    private MethodHooks hooks(ClassShape.Method m) {
        return plan.computeIfAbsent(m.name + m.descriptor, k -> new MethodHooks());
    }

    private boolean kernel(ClassShape.Method m, String idTemplate, String backend, List<String> requires,
                           boolean zeroStatus, KernelsConfig.Entry entry) {
        if (zeroStatus && !Descriptors.returnsInt(m.descriptor)) {
            AgentInstaller.skippedKernel(type.name + "." + m.name + m.descriptor + ": success RETURNED_ZERO needs an int "
                    + "return type; not instrumented" + (entry == null ? "" : " (" + entry.where() + ")"));
            return false;
        }
        String unverified = "";
        if (Backend.CPU_SIMD.equals(backend) && !usesSimdOrNative) {
            unverified = CPU_SIMD_UNVERIFIED;
            AgentInstaller.skipped("kernel '" + idTemplate + "' on " + type.name + "." + m.name + m.descriptor + " is "
                    + unverified + "; its receipts fail rule HC029 under the default policy (declare backend cpu, "
                    + "or compute through the Vector API or native code)");
        }
        int params = Descriptors.parameterCount(m.descriptor);
        if (Backend.isGpu(backend)) {
            String why = String.format(GPU_UNVERIFIED, backend);
            String id = IdTemplates.expand(idTemplate, type.name, IdTemplates.simpleName(type.name, type.simpleName),
                    m.name, params);
            int verified = Registry.instrumented(id, backend, requires, "");
            int notVerified = Registry.instrumented(id, backend, requires, why);
            Linkage.Action action = zeroStatus ? Linkage.Action.GPU_EXIT_STATUS : Linkage.Action.GPU_EXIT;
            hooks(m).exit(action, site(action, verified, notVerified));
            return true;
        }
        if (entry != null && !zeroStatus && entry.needsRuntimeClass(m.access, type.access)) {
            int template = IdTemplates.add(idTemplate, backend, requires, m.name, params, unverified);
            hooks(m).exit(Linkage.Action.EXIT_RUNTIME_CLASS, site(Linkage.Action.EXIT_RUNTIME_CLASS, template, 0));
            return true;
        }
        String id = IdTemplates.expand(idTemplate, type.name, IdTemplates.simpleName(type.name, type.simpleName),
                m.name, params);
        int k = Registry.instrumented(id, backend, requires, unverified);
        Linkage.Action action = zeroStatus ? Linkage.Action.EXIT_STATUS : Linkage.Action.EXIT;
        hooks(m).exit(action, site(action, k, 0));
        return true;
    }

    private String mockName(ClassShape.Method m) {
        String why = m.mockCompute != null ? m.mockCompute : type.mockCompute;
        return (why == null ? "mock-package class " : "@MockCompute ") + type.name + "#" + m.name
                + (why == null || why.isEmpty() ? "" : " (\"" + why + "\")");
    }
}
