package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Set;

/**
 * The code the agent inserts into {@code java.base}, all of it one static call into
 * {@code dev.honestcompute.recorder.boot.Bridge}:
 * <ul>
 *   <li>{@code ForkJoinTask} and {@code FutureTask} get a field holding the context of the thread that created the
 *   task (parallel streams, the common pool, {@code CompletableFuture}'s async tasks, {@code ExecutorService.submit});
 *   running the task ({@code doExec}, {@code run}, {@code runAndReset}) enters it. Only possible at first load:
 *   a field cannot be added to a loaded class, so after a late attach these classes are not propagated.</li>
 *   <li>{@code ThreadPoolExecutor.execute} wraps other commands with the submitting thread's context.</li>
 *   <li>{@code AccessibleObject.checkCanSetAccessible} and {@code MethodHandles.privateLookupIn} ask the
 *   {@link ReflectionGuard} first.</li>
 *   <li>The file system's write entry points ({@code UnixFileSystemProvider.newByteChannel/newFileChannel/copy/
 *   move/createLink/createSymbolicLink}, the {@code FileOutputStream} and {@code RandomAccessFile} constructors
 *   every other one goes through, {@code File.renameTo}) ask the {@link FileGuard} first.</li>
 * </ul>
 */
final class JdkHooks {

    static final String FORK_JOIN_TASK = "java/util/concurrent/ForkJoinTask";
    static final String FUTURE_TASK = "java/util/concurrent/FutureTask";
    static final String THREAD_POOL = "java/util/concurrent/ThreadPoolExecutor";
    static final String ACCESSIBLE = "java/lang/reflect/AccessibleObject";
    static final String METHOD_HANDLES = "java/lang/invoke/MethodHandles";
    static final String UNIX_FILES = "sun/nio/fs/UnixFileSystemProvider";
    static final String FILE_OUTPUT = "java/io/FileOutputStream";
    static final String RANDOM_ACCESS = "java/io/RandomAccessFile";
    static final String FILE = "java/io/File";
    /** Classes whose hooks need a new field: first load only. */
    static final Set<String> NEED_FIELD = Set.of(FORK_JOIN_TASK, FUTURE_TASK);
    static final Set<String> ALL = Set.of(FORK_JOIN_TASK, FUTURE_TASK, THREAD_POOL, ACCESSIBLE, METHOD_HANDLES,
            UNIX_FILES, FILE_OUTPUT, RANDOM_ACCESS, FILE);
    private static final String OPEN = "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)";
    private static final String TWO_PATHS = "(Ljava/nio/file/Path;Ljava/nio/file/Path;";

    private static final String BRIDGE = "dev/honestcompute/recorder/boot/Bridge";
    private static final String FIELD = "honestcompute$context";
    private static final String OBJECT = "Ljava/lang/Object;";

    private JdkHooks() {
    }

    /** The rewritten class, or {@code null} when {@code internalName} needs nothing (or cannot get it now). */
    static byte[] rewrite(String internalName, byte[] bytes, boolean firstLoad) {
        if (!ALL.contains(internalName) || (NEED_FIELD.contains(internalName) && !firstLoad)) {
            return null;
        }
        ClassReader reader = new ClassReader(bytes);
        java.util.Map<String, Integer> maxLocals = new java.util.HashMap<>();
        for (ClassShape.Method m : ClassShape.read(reader).methods) {
            maxLocals.put(m.name + m.descriptor, m.maxLocals);
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                MethodVisitor hooked = hook(internalName, name, descriptor,
                        maxLocals.getOrDefault(name + descriptor, 0), next);
                if (hooked != next) {
                    changed[0] = true;
                }
                return hooked;
            }

            @Override
            public void visitEnd() {
                if (NEED_FIELD.contains(internalName)) {
                    super.visitField(Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC, FIELD, OBJECT, null, null).visitEnd();
                }
                super.visitEnd();
            }
        }, ClassReader.EXPAND_FRAMES);
        return changed[0] ? writer.toByteArray() : null;
    }

    private static MethodVisitor hook(String owner, String name, String desc, int maxLocals, MethodVisitor next) {
        switch (owner) {
            case FORK_JOIN_TASK:
                if (name.equals("<init>") && desc.equals("()V")) {
                    return new Capture(next, owner);
                }
                if (name.equals("doExec") && desc.startsWith("()")) {
                    return new Scope(next, owner, maxLocals);
                }
                return next;
            case FUTURE_TASK:
                if (name.equals("<init>")) {
                    return new Capture(next, owner);
                }
                if ((name.equals("run") && desc.equals("()V")) || (name.equals("runAndReset") && desc.equals("()Z"))) {
                    return new Scope(next, owner, maxLocals);
                }
                return next;
            case THREAD_POOL:
                if (name.equals("execute") && desc.equals("(Ljava/lang/Runnable;)V")) {
                    return new EntryHook(next) {
                        @Override
                        public void visitCode() {
                            super.visitCode();
                            super.visitVarInsn(Opcodes.ALOAD, 1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "wrap",
                                    "(Ljava/lang/Runnable;)Ljava/lang/Runnable;", false);
                            super.visitVarInsn(Opcodes.ASTORE, 1);
                        }
                    };
                }
                return next;
            case ACCESSIBLE:
                if (name.equals("checkCanSetAccessible") && desc.equals("(Ljava/lang/Class;Ljava/lang/Class;Z)Z")) {
                    return new EntryHook(next) {
                        @Override
                        public void visitCode() {
                            super.visitCode();
                            Label allowed = new Label();
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitVarInsn(Opcodes.ALOAD, 1);
                            super.visitVarInsn(Opcodes.ALOAD, 2);
                            super.visitVarInsn(Opcodes.ILOAD, 3);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "denied",
                                    "(Ljava/lang/Object;Ljava/lang/Class;Ljava/lang/Class;Z)Z", false);
                            super.visitJumpInsn(Opcodes.IFEQ, allowed);
                            super.visitInsn(Opcodes.ICONST_0);
                            super.visitInsn(Opcodes.IRETURN);
                            super.visitLabel(allowed);
                            super.visitFrame(Opcodes.F_NEW, 4,
                                    new Object[] {owner, "java/lang/Class", "java/lang/Class", Opcodes.INTEGER}, 0,
                                    new Object[0]);
                        }
                    };
                }
                return next;
            case METHOD_HANDLES:
                if (name.equals("privateLookupIn")
                        && desc.equals("(Ljava/lang/Class;Ljava/lang/invoke/MethodHandles$Lookup;)"
                        + "Ljava/lang/invoke/MethodHandles$Lookup;")) {
                    return new EntryHook(next) {
                        @Override
                        public void visitCode() {
                            super.visitCode();
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitVarInsn(Opcodes.ALOAD, 1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "privateLookup",
                                    "(Ljava/lang/Class;Ljava/lang/invoke/MethodHandles$Lookup;)V", false);
                        }
                    };
                }
                return next;
            case UNIX_FILES:
                if ((name.equals("newByteChannel") || name.equals("newFileChannel")) && desc.startsWith(OPEN)) {
                    return writeCheck(next, 1, 2);
                }
                if ((name.equals("copy") || name.equals("move")) && desc.startsWith(TWO_PATHS)) {
                    return writeCheck(next, 2, -1);
                }
                if ((name.equals("createLink") || name.equals("createSymbolicLink")) && desc.startsWith(TWO_PATHS)) {
                    return writeCheck(next, 1, -1);
                }
                return next;
            case FILE_OUTPUT:
                return name.equals("<init>") && desc.equals("(Ljava/io/File;Z)V") ? writeCheck(next, 1, -1) : next;
            case RANDOM_ACCESS:
                return name.equals("<init>") && desc.equals("(Ljava/io/File;Ljava/lang/String;Z)V")
                        ? writeCheck(next, 1, 2) : next;
            case FILE:
                return name.equals("renameTo") && desc.equals("(Ljava/io/File;)Z") ? writeCheck(next, 1, -1) : next;
            default:
                return next;
        }
    }

    /** {@code Bridge.checkWrite(arg[target], arg[how] or null)} at entry; slots count {@code this} as 0. */
    private static MethodVisitor writeCheck(MethodVisitor next, int target, int how) {
        return new EntryHook(next) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, target);
                if (how < 0) {
                    super.visitInsn(Opcodes.ACONST_NULL);
                } else {
                    super.visitVarInsn(Opcodes.ALOAD, how);
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "checkWrite", "(" + OBJECT + OBJECT + ")V", false);
            }
        };
    }

    /** Code inserted at a method's entry that pushes at most four values. */
    private abstract static class EntryHook extends MethodVisitor {
        EntryHook(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 4), maxLocals);
        }
    }

    /** Before each return of a constructor: {@code this.context = Bridge.capture()}. */
    private static final class Capture extends MethodVisitor {
        private final String owner;

        Capture(MethodVisitor next, String owner) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "capture", "()" + OBJECT, false);
                super.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, OBJECT);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 2, maxLocals);
        }
    }

    /**
     * {@code Object previous = Bridge.enter(this.context); try { body } finally { Bridge.leave(previous); }}, with the
     * previous context in a new local just past the method's own ({@code maxLocals} from a first pass), added to every
     * stack map frame. The catch-all handler is registered after the method's own, so they keep precedence.
     */
    private static final class Scope extends BodyVisitor {
        private final String owner;
        private final int local;
        private final Label tryStart = new Label();
        private final Label tryEnd = new Label();
        private final Label handler = new Label();

        Scope(MethodVisitor next, String owner, int maxLocals) {
            super(next);
            this.owner = owner;
            this.local = maxLocals;
        }
    @Override
    void bodyStarts() {
            super.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, OBJECT);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "enter", "(" + OBJECT + ")" + OBJECT, false);
            super.visitVarInsn(Opcodes.ASTORE, local);
            super.visitLabel(tryStart);
        }

        private void leave() {
            super.visitVarInsn(Opcodes.ALOAD, local);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "leave", "(" + OBJECT + ")V", false);
        }

        @Override
        public void visitInsn(int opcode) {
            begin();
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                leave();
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] locals, int numStack, Object[] stack) {
            begin();
            if (type != Opcodes.F_NEW) {
                throw new IllegalStateException("expected expanded frames in " + owner);
            }
            Object[] grown = withLocal(numLocal, locals, local, "java/lang/Object");
            super.visitFrame(type, grown.length, grown, numStack, stack);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            begin();
            super.visitLabel(tryEnd);
            super.visitLabel(handler);
            Object[] handlerLocals = new Object[local + 1];
            java.util.Arrays.fill(handlerLocals, Opcodes.TOP);
            handlerLocals[local] = "java/lang/Object";
            super.visitFrame(Opcodes.F_NEW, handlerLocals.length, handlerLocals, 1, new Object[] {"java/lang/Throwable"});
            leave();
            super.visitInsn(Opcodes.ATHROW);
            super.visitMaxs(maxStack + 2, Math.max(maxLocals, local + 1));
        }














    }
}
