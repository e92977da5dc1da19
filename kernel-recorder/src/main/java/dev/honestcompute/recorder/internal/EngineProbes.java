package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probes the recorder adds to third-party engines' own methods, so that the evidence sources in
 * {@code dev.honestcompute.recorder.evidence} see a session created, a model loaded or a provider chosen: a static
 * call to the source's hook at a method's entry, before each of its returns, or in a catch-all handler that rethrows.
 * The hooks accept calls only from the methods probed here ({@link EngineHookGuard}): a test that calls a hook itself,
 * directly or by reflection, is refused and recorded as a forgery.
 *
 * <p>Only classes loaded from a jar are probed: a class of an engine's name defined from bytes or a directory (a test
 * squatting {@code ai.onnxruntime.OrtEnvironment}) is not.
 */
final class EngineProbes {

    /** Where in the method the hook is called. */
    enum When { ENTRY, RETURN, THROW }

    /**
     * One probe. {@code args} names what the hook receives, in order: {@code "this"}, {@code "arg<N>"} (the N-th
     * parameter), {@code "returned"} (the return value; only as the last argument and after at most one other).
     */
    record Probe(String method, String descriptor, When when, String hookClass, String hook, List<String> args) {

        String hookDescriptor() {
            return "(" + "Ljava/lang/Object;".repeat(args.size()) + ")V";
        }
    }

    private static final String ORT = "dev/honestcompute/recorder/evidence/onnx/OnnxRuntimeHooks";
    private static final String LLAMA = "dev/honestcompute/recorder/evidence/llamacpp/LlamaCppHooks";
    private static final String JLAMA = "dev/honestcompute/recorder/evidence/jlama/JlamaHooks";

    /** Probes per class (binary name). */
    static final Map<String, List<Probe>> PROBES;

    static {
        Map<String, List<Probe>> m = new HashMap<>();
        List<Probe> env = new ArrayList<>();
        for (String model : new String[] {"Ljava/lang/String;", "[B", "Ljava/nio/ByteBuffer;"}) {
            String d = "(" + model + "Lai/onnxruntime/OrtAllocator;Lai/onnxruntime/OrtSession$SessionOptions;)"
                    + "Lai/onnxruntime/OrtSession;";
            env.add(new Probe("createSession", d, When.ENTRY, ORT, "beforeCreateSession", List.of("arg2")));
            env.add(new Probe("createSession", d, When.RETURN, ORT, "sessionCreated", List.of("arg2", "returned")));
            env.add(new Probe("createSession", d, When.THROW, ORT, "sessionCreationFailed", List.of("arg2")));
        }
        m.put("ai.onnxruntime.OrtEnvironment", List.copyOf(env));
        m.put("ai.onnxruntime.OrtSession", List.of(
                new Probe("run", "(Ljava/util/Map;Ljava/util/Set;Ljava/util/Map;Lai/onnxruntime/OrtSession$RunOptions;)"
                        + "Lai/onnxruntime/OrtSession$Result;", When.ENTRY, ORT, "beforeRun", List.of("this")),
                new Probe("close", "()V", When.ENTRY, ORT, "beforeClose", List.of("this"))));
        m.put("ai.onnxruntime.OrtSession$SessionOptions", List.of(
                new Probe("enableProfiling", "(Ljava/lang/String;)V", When.ENTRY, ORT, "callerEnablesProfiling",
                        List.of("this")),
                new Probe("disableProfiling", "()V", When.ENTRY, ORT, "callerDisablesProfiling", List.of("this"))));
        String load = "(Lde/kherud/llama/ModelParameters;)V";
        m.put("de.kherud.llama.LlamaModel", List.of(
                new Probe("<init>", load, When.ENTRY, LLAMA, "beforeModelLoad", List.of("arg0")),
                new Probe("<init>", load, When.RETURN, LLAMA, "modelLoaded", List.of("arg0", "this")),
                new Probe("<init>", load, When.THROW, LLAMA, "modelLoadFailed", List.of("arg0")),
                new Probe("complete", "(Lde/kherud/llama/InferenceParameters;)Ljava/lang/String;", When.ENTRY, LLAMA,
                        "beforeInference", List.of("this")),
                new Probe("generate", "(Lde/kherud/llama/InferenceParameters;)Lde/kherud/llama/LlamaIterable;",
                        When.ENTRY, LLAMA, "beforeInference", List.of("this"))));
        m.put("com.github.tjake.jlama.tensor.operations.TensorOperationsProvider", List.of(
                new Probe("pickFastestImplementation", "()Lcom/github/tjake/jlama/tensor/operations/TensorOperations;",
                        When.RETURN, JLAMA, "providerChosen", List.of("returned"))));
        m.put("com.github.tjake.jlama.model.AbstractModel", List.of(
                new Probe("forward", "(Lcom/github/tjake/jlama/tensor/AbstractTensor;ILcom/github/tjake/jlama/tensor/"
                        + "KvBufferCache$KvBuffer;Ljava/util/Optional;)Lcom/github/tjake/jlama/tensor/AbstractTensor;",
                        When.ENTRY, JLAMA, "modelRan", List.of()),
                new Probe("batchForward", "([IILcom/github/tjake/jlama/tensor/KvBufferCache$KvBuffer;"
                        + "Ljava/util/Optional;)Lcom/github/tjake/jlama/tensor/AbstractTensor;", When.ENTRY, JLAMA,
                        "modelRan", List.of())));
        PROBES = Map.copyOf(m);
    }

    /** Probed classes: name to the identities of the loaders that defined them with probes. */
    private static final Map<String, Set<Integer>> PROBED = new ConcurrentHashMap<>();
    /** What was probed, or why not, for {@code RecorderAgent.transformCosts()}-style diagnostics. */
    private static final List<String> NOTES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EngineProbes() {
    }

    static boolean probed(String className) {
        return PROBES.containsKey(className);
    }

    /** What the probes did so far: one line per probed or refused class. */
    static List<String> notes() {
        return List.copyOf(NOTES);
    }

    /** Whether {@code c} is a class this transformer probed, defined by the loader it probed it for. */
    static boolean isProbed(Class<?> c) {
        Set<Integer> loaders = c == null ? null : PROBED.get(c.getName());
        return loaders != null && loaders.contains(System.identityHashCode(c.getClassLoader()));
    }

    /**
     * The class with its probes, or {@code null} when it is not probed (not an engine class, not from a jar, or a
     * probed method's shape does not allow the handler).
     */
    static byte[] rewrite(ClassLoader loader, String name, String location, byte[] bytes) {
        List<Probe> probes = PROBES.get(name);
        if (probes == null) {
            return null;
        }
        if (!location.endsWith(".jar") && !location.endsWith(".jar!/")) {
            NOTES.add("not probed: " + name + " from '" + location + "' (engine classes are probed only from jars)");
            return null;
        }
        ClassReader reader = new ClassReader(bytes);
        Map<String, List<Probe>> byMethod = new HashMap<>();
        for (Probe p : probes) {
            byMethod.computeIfAbsent(p.method + p.descriptor, k -> new ArrayList<>()).add(p);
        }
        Set<String> unsafeHandlers = handlersThatCannotBeTyped(reader, byMethod);
        ClassWriter writer = new ClassWriter(reader, 0);
        String owner = reader.getClassName();
        String superName = reader.getSuperName();
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
                List<Probe> here = byMethod.get(method + descriptor);
                if (here == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                changed[0] = true;
                boolean throwsProbed = !unsafeHandlers.contains(method + descriptor);
                if (!throwsProbed) {
                    NOTES.add("probed without its failure hook: " + name + "." + method + descriptor
                            + " (a parameter slot changes type in the method)");
                }
                return new ProbedMethod(next, owner, superName, access, method, descriptor, here, throwsProbed);
            }
        }, ClassReader.EXPAND_FRAMES);
        if (!changed[0]) {
            NOTES.add("not probed: " + name + " has none of the methods its evidence source expects (another "
                    + "version of the engine?)");
            return null;
        }
        PROBED.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(System.identityHashCode(loader));
        NOTES.add("probed: " + name + " from " + location);
        return writer.toByteArray();
    }

    /**
     * Methods whose catch-all handler could not type a parameter it passes to the hook: some frame of the method holds
     * another type in that parameter's slot (the method assigns to the parameter).
     */
    private static Set<String> handlersThatCannotBeTyped(ClassReader reader, Map<String, List<Probe>> byMethod) {
        Set<String> unsafe = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                List<Probe> here = byMethod.get(method + descriptor);
                if (here == null || here.stream().noneMatch(p -> p.when == When.THROW)) {
                    return null;
                }
                boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                Map<Integer, Object> expected = new HashMap<>();
                for (Probe p : here) {
                    if (p.when == When.THROW) {
                        for (String a : p.args) {
                            int index = Integer.parseInt(a.substring(3));
                            expected.put(frameIndex(descriptor, isStatic, index), parameterType(descriptor, index));
                        }
                    }
                }
                String key = method + descriptor;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        for (Map.Entry<Integer, Object> e : expected.entrySet()) {
                            int i = e.getKey();
                            if (i < numLocal && !e.getValue().equals(local[i]) && local[i] != Opcodes.TOP) {
                                unsafe.add(key);
                            }
                        }
                    }

                    @Override
                    public void visitVarInsn(int opcode, int varIndex) {
                        if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                            for (Probe p : here) {
                                if (p.when == When.THROW) {
                                    for (String a : p.args) {
                                        int index = Integer.parseInt(a.substring(3));
                                        if (Descriptors.parameterSlots(descriptor, isStatic)[index] == varIndex) {
                                            unsafe.add(key);
                                        }
                                    }
                                }
                            }
                        }
                    }
                };
            }
        }, ClassReader.EXPAND_FRAMES);
        return unsafe;
    }

    /** The index of parameter {@code index} in an expanded frame's locals (a long or double is one element). */
    static int frameIndex(String descriptor, boolean isStatic, int index) {
        return (isStatic ? 0 : 1) + index;
    }

    /** Where parameter {@code index} starts in {@code descriptor}. */
    static int parameterStart(String descriptor, int index) {
        int i = 1;
        for (int p = 0; p < index; p++) {
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
        }
        return i;
    }

    /** The verifier type of parameter {@code index}: an internal name, or the descriptor of an array. */
    static Object parameterType(String descriptor, int index) {
        int i = 1;
        for (int p = 0; ; p++) {
            int start = i;
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
            if (p == index) {
                String d = descriptor.substring(start, i);
                if (d.startsWith("[")) {
                    return d;
                }
                if (d.startsWith("L")) {
                    return d.substring(1, d.length() - 1);
                }
                throw new IllegalArgumentException("engine probes pass only reference parameters: " + descriptor);
            }
        }
    }

    /** One probed method: the hook calls, and for {@link When#THROW} a catch-all handler at the end. */
    private static final class ProbedMethod extends BodyVisitor {
        private final String owner;
        private final String superName;
        private final String method;
        private final String descriptor;
        private final boolean isStatic;
        private final int[] slots;
        private final List<Probe> probes;
        private final boolean throwsProbed;
        private final Label tryStart = new Label();
        private final Label tryEnd = new Label();
        private final Label handler = new Label();
        /** In a constructor: whether the super (or this) constructor was called, so {@code this} is initialized. */
        private boolean initialized;
        private boolean protecting;

        ProbedMethod(MethodVisitor next, String owner, String superName, int access, String method, String descriptor,
                     List<Probe> probes, boolean throwsProbed) {
            super(next);
            this.owner = owner;
            this.superName = superName;
            this.method = method;
            this.descriptor = descriptor;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.slots = Descriptors.parameterSlots(descriptor, isStatic);
            this.probes = probes;
            this.throwsProbed = throwsProbed && probes.stream().anyMatch(p -> p.when == When.THROW);
            this.initialized = !method.equals("<init>");
        }
    @Override
    void bodyStarts() {
            if (throwsProbed) {
                super.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
            }
            for (Probe p : probes) {
                if (p.when == When.ENTRY) {
                    call(p);
                }
            }
            if (throwsProbed && initialized) {
                super.visitLabel(tryStart);
                protecting = true;
            }
        }

        /**
         * The handler's locals: {@code this} and the parameters the failure hooks read typed, every other slot
         * {@code TOP} (a long or double parameter two of them), which every state in the protected range is
         * assignable to.
         */
        private Object[] handlerLocals() {
            Set<Integer> read = new HashSet<>();
            for (Probe p : probes) {
                if (p.when == When.THROW) {
                    for (String a : p.args) {
                        read.add(Integer.parseInt(a.substring(3)));
                    }
                }
            }
            List<Object> locals = new ArrayList<>();
            if (!isStatic) {
                locals.add(owner);
            }
            for (int i = 0; i < slots.length; i++) {
                char c = descriptor.charAt(parameterStart(descriptor, i));
                if (read.contains(i)) {
                    locals.add(parameterType(descriptor, i));
                } else if (c == 'J' || c == 'D') {
                    locals.add(Opcodes.TOP);
                    locals.add(Opcodes.TOP);
                } else {
                    locals.add(Opcodes.TOP);
                }
            }
            return locals.toArray();
        }

        private void call(Probe p) {
            for (String a : p.args) {
                if (a.equals("this")) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                } else if (a.startsWith("arg")) {
                    super.visitVarInsn(Opcodes.ALOAD, slots[Integer.parseInt(a.substring(3))]);
                } else if (a.equals("returned")) {
                    // already on the stack (see returned())
                    if (p.args.size() == 2) {
                        super.visitInsn(Opcodes.SWAP);
                    }
                } else {
                    throw new IllegalStateException("probe argument " + a);
                }
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, p.hookClass, p.hook, p.hookDescriptor(), false);
        }

        @Override
        public void visitInsn(int opcode) {
            begin();
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                for (Probe p : probes) {
                    if (p.when == When.RETURN) {
                        if (p.args.contains("returned")) {
                            super.visitInsn(Opcodes.DUP);
                        }
                        call(p);
                    }
                }
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String name, String desc, boolean isInterface) {
            begin();
            super.visitMethodInsn(opcode, methodOwner, name, desc, isInterface);
            if (!initialized && opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")
                    && (methodOwner.equals(superName) || methodOwner.equals(owner))) {
                initialized = true;
                if (throwsProbed) {
                    super.visitLabel(tryStart);
                    protecting = true;
                }
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            begin();
            if (throwsProbed) {
                if (!protecting) {
                    // a constructor that never calls super: no range to protect; an empty handler is never entered
                    super.visitLabel(tryStart);
                }
                super.visitLabel(tryEnd);
                super.visitLabel(handler);
                Object[] locals = handlerLocals();
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
                for (Probe p : probes) {
                    if (p.when == When.THROW) {
                        call(p);
                    }
                }
                super.visitInsn(Opcodes.ATHROW);
            }
            super.visitMaxs(maxStack + 4, maxLocals);
        }













    }
}
