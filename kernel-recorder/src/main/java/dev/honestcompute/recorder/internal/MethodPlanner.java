package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the {@link MethodHooks} of each method of one class: the built-in probes (canary, Mockito's interceptor,
 * JCuda, cuBLAS), {@code @Kernel} methods, kernels config entries and mock compute. Registers the kernels it finds, so
 * their indexes are fixed before the class runs.
 */
final class MethodPlanner {

    private final ClassShape type;
    private final List<KernelsConfig.Entry> entries = new ArrayList<>();
    private final boolean mockPackage;
    private final Map<String, MethodHooks> plan = new LinkedHashMap<>();

    MethodPlanner(ClassShape type, List<KernelsConfig.Entry> all, Supertypes supertypes, boolean mockPackage) {
        this.type = type;
        this.mockPackage = mockPackage;
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
                    hooks(m).exit(MethodHooks.Exit.KERNEL, Recording.CANARY);
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
                boolean probe = m.is(Opcodes.ACC_PUBLIC) && !m.is(Opcodes.ACC_NATIVE)
                        && Descriptors.returnsInt(m.descriptor);
                if (probe && m.name.equals("cuModuleGetFunction") && Descriptors.parameterCount(m.descriptor) == 3) {
                    hooks(m).exit(MethodHooks.Exit.CUDA_FUNCTION, 0);
                } else if (probe && (m.name.equals("cuLaunchKernel") || m.name.equals("cuLaunchCooperativeKernel"))) {
                    hooks(m).exit(MethodHooks.Exit.CUDA_LAUNCH, 0);
                }
            }
            return plan;
        }
        if (name.equals(AgentInstaller.JCUBLAS2)) {
            for (ClassShape.Method m : type.methods) {
                if (m.is(Opcodes.ACC_PUBLIC) && m.is(Opcodes.ACC_STATIC) && !m.is(Opcodes.ACC_NATIVE)
                        && Descriptors.returnsInt(m.descriptor)
                        && AgentInstaller.CUBLAS_COMPUTE.matcher(m.name).matches() && !m.name.endsWith("Native")) {
                    int k = Recording.registerInstrumented("cublas:" + m.name, "cuda");
                    hooks(m).exit(MethodHooks.Exit.ZERO_STATUS, k);
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
                    AgentInstaller.skipped("@Kernel(id = \"" + m.kernel.id + "\") on " + type.name + "." + m.name
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

    private MethodHooks hooks(ClassShape.Method m) {
        return plan.computeIfAbsent(m.name + m.descriptor, k -> new MethodHooks());
    }

    private boolean kernel(ClassShape.Method m, String idTemplate, String backend, List<String> requires,
                           boolean zeroStatus, KernelsConfig.Entry entry) {
        if (zeroStatus && !Descriptors.returnsInt(m.descriptor)) {
            AgentInstaller.skipped(type.name + "." + m.name + m.descriptor + ": success RETURNED_ZERO needs an int "
                    + "return type; not instrumented" + (entry == null ? "" : " (" + entry.where() + ")"));
            return false;
        }
        int params = Descriptors.parameterCount(m.descriptor);
        if (entry != null && !zeroStatus && entry.needsRuntimeClass(m.access, type.access)) {
            int template = IdTemplates.add(idTemplate, backend, requires, m.name, params);
            hooks(m).exit(MethodHooks.Exit.RUNTIME_CLASS, template);
            return true;
        }
        String id = IdTemplates.expand(idTemplate, type.name, IdTemplates.simpleName(type.name, type.simpleName),
                m.name, params);
        int k = Recording.registerInstrumented(id, backend, requires);
        hooks(m).exit(zeroStatus ? MethodHooks.Exit.ZERO_STATUS : MethodHooks.Exit.KERNEL, k);
        return true;
    }

    private String mockName(ClassShape.Method m) {
        String why = m.mockCompute != null ? m.mockCompute : type.mockCompute;
        return (why == null ? "mock-package class " : "@MockCompute ") + type.name + "#" + m.name
                + (why == null || why.isEmpty() ? "" : " (\"" + why + "\")");
    }
}
