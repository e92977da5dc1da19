package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites one method's code as it streams from a {@code ClassReader} (with {@code EXPAND_FRAMES}) to a
 * {@code ClassWriter}: the {@link MethodHooks} entry checks first, then, for recorded exits, the entry time (or a GPU
 * kernel's launch mark) in a new local just past the method's own locals, an {@code invokedynamic} recording call
 * before every return, and a catch-all handler that records a thrown call and rethrows. The recording sites are
 * linked by {@link Linkage}, which links them only for classes this transformer rewrote. Each inserted sequence is
 * straight-line code, so the only new stack map frame is the handler's; every existing frame gains the new local.
 */
final class HookedMethod extends BodyVisitor {

    private static final String RECORDING = "dev/honestcompute/recorder/internal/Recording";
    private static final String MOCK_GUARD = "dev/honestcompute/recorder/internal/MockGuard";
    private static final String FORGERIES = "dev/honestcompute/recorder/internal/Forgeries";
    static final Handle LINK = new Handle(Opcodes.H_INVOKESTATIC, "dev/honestcompute/recorder/internal/Linkage", "link",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private final String owner;
    private final ClassShape.Method method;
    private final MethodHooks hooks;
    private final boolean frames;
    private final int[] params;
    /** Slot of the entry time: the first one the original code never uses. */
    private final int start;
    private final Label tryStart = new Label();
    private final Label tryEnd = new Label();
    private final Label handler = new Label();

    HookedMethod(MethodVisitor next, String ownerInternalName, ClassShape.Method method, MethodHooks hooks,
                 boolean frames) {
        super(next);
        this.owner = ownerInternalName;
        this.method = method;
        this.hooks = hooks;
        this.frames = frames;
        this.params = Descriptors.parameterSlots(method.descriptor, method.is(Opcodes.ACC_STATIC));
        this.start = method.maxLocals;
    }

    /** Emits the entry code once, before the first original instruction, label or frame. */
    @Override
    void bodyStarts() {
        if (hooks.recordsThrows()) {
            // registered after the method's own handlers, so they keep precedence
            super.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
        }
        if (hooks.forgery >= 0) {
            push(hooks.forgery);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FORGERIES, "ran", "(I)V", false);
        }
        if (hooks.mockName != null) {
            super.visitLdcInsn(hooks.mockName);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, MOCK_GUARD, "entered", "(Ljava/lang/String;)V", false);
        }
        if (hooks.mockitoIntercept) {
            super.visitVarInsn(Opcodes.ALOAD, params[0]);
            super.visitVarInsn(Opcodes.ALOAD, params[1]);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, MOCK_GUARD, "mockitoCall",
                    "(Ljava/lang/Object;Ljava/lang/reflect/Method;)V", false);
        }
        if (hooks.keepsStart()) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDING, hooks.gpu() ? "launchMark" : "start", "()J", false);
            super.visitVarInsn(Opcodes.LSTORE, start);
        }
        if (hooks.recordsThrows()) {
            super.visitLabel(tryStart);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        begin();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            returned();
        }
        super.visitInsn(opcode);
    }

    /** Before a return; an {@code int} result, if any, is on top of the stack. */
    private void returned() {
        if (hooks.exit != null) {
            kernelEnded(false);
        }
    }

    /** Right after the native driver call returned its {@code int} status (on top of the stack). */
    private void nativeReturned() {
        super.visitInsn(Opcodes.DUP);
        switch (hooks.nativeAction) {
            case CUDA_LAUNCH:
                super.visitVarInsn(Opcodes.ALOAD, params[0]);
                super.visitVarInsn(Opcodes.LLOAD, start);
                break;
            case CUDA_FUNCTION:
                super.visitVarInsn(Opcodes.ALOAD, params[0]);
                super.visitVarInsn(Opcodes.ALOAD, params[2]);
                break;
            case CUBLAS:
                super.visitVarInsn(Opcodes.LLOAD, start);
                break;
            default:
                throw new IllegalStateException(hooks.nativeAction.name());
        }
        link(hooks.nativeAction);
    }

    private void link(Linkage.Action action) {
        super.visitInvokeDynamicInsn(action.name(), Linkage.descriptor(action), LINK, hooks.site);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        begin();
        if (hooks.recordsThrows()) {
            super.visitLabel(tryEnd);
            super.visitLabel(handler);
            if (frames) {
                Object[] locals = handlerLocals();
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            kernelEnded(true);
            super.visitInsn(Opcodes.ATHROW);
        }
        // inserted sequences push at most 5 values above the method's own stack (6 in the handler, with the throwable)
        super.visitMaxs(maxStack + 6, hooks.keepsStart() ? Math.max(maxLocals, start + 2) : maxLocals);
    }

    /** The exit site's arguments, then the site: a status-returning kernel reports 1 when it threw. */
    private void kernelEnded(boolean failed) {
        switch (hooks.exit) {
            case EXIT_STATUS:
            case GPU_EXIT_STATUS:
                if (failed) {
                    super.visitInsn(Opcodes.ICONST_1);
                } else {
                    super.visitInsn(Opcodes.DUP);
                }
                break;
            case EXIT_RUNTIME_CLASS:
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitInsn(failed ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                break;
            default:
                super.visitInsn(failed ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                break;
        }
        super.visitVarInsn(Opcodes.LLOAD, start);
        link(hooks.exit);
    }

    /**
     * The handler's locals: only what the handler reads is typed ({@code this} or the launch's function, and the
     * entry time); everything else is {@code TOP}, which every state in the protected range is assignable to.
     */
    private Object[] handlerLocals() {
        Object[] locals = new Object[start + 1];
        java.util.Arrays.fill(locals, Opcodes.TOP);
        if (hooks.exit == Linkage.Action.EXIT_RUNTIME_CLASS) {
            locals[0] = owner;
        }
        locals[start] = Opcodes.LONG;
        return locals;
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        if (!hooks.keepsStart()) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("expected expanded frames (ClassReader.EXPAND_FRAMES) in " + owner + "."
                    + method.name + method.descriptor);
        }
        // the entry time after the frame's locals
        Object[] grown = withLocal(numLocal, local, start, Opcodes.LONG);
        super.visitFrame(type, grown.length, grown, numStack, stack);
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }





    @Override
    public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
        begin();
        super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
        if (hooks.nativeCall != null && opcode == Opcodes.INVOKESTATIC && methodOwner.equals(owner)
                && name.equals(hooks.nativeCall) && descriptor.endsWith(")I")) {
            nativeReturned();
        }
    }








}
