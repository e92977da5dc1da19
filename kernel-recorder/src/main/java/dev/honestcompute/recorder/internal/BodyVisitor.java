package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A method rewriter that inserts code where the original body starts: {@link #bodyStarts()} runs once, before the
 * first instruction, label, line number or frame of the original code streams through (try-catch blocks, which a
 * {@code ClassReader} visits first, pass before it, so the original handlers keep precedence over any it adds).
 * Subclasses that override a visit method call {@link #begin()} first.
 */
abstract class BodyVisitor extends MethodVisitor {

    private boolean begun;

    BodyVisitor(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** The inserted entry code; called once. */
    abstract void bodyStarts();

    /** Emits the entry code once, before the first original instruction, label or frame. */
    final void begin() {
        if (!begun) {
            begun = true;
            bodyStarts();
        }
    }

    /**
     * An expanded frame's locals with one more local of type {@code type} at slot {@code slot} (past the method's own
     * locals), padded with {@code TOP}; a long or double takes two slots and one element.
     */
    static Object[] withLocal(int numLocal, Object[] local, int slot, Object type) {
        Object[] grown = new Object[numLocal + slot + 1];
        int n = 0;
        int at = 0;
        for (int i = 0; i < numLocal; i++) {
            grown[n++] = local[i];
            at += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        while (at < slot) {
            grown[n++] = Opcodes.TOP;
            at++;
        }
        grown[n++] = type;
        return java.util.Arrays.copyOf(grown, n);
    }

    @Override
    public void visitInsn(int opcode) {
        begin();
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        begin();
        super.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        begin();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        begin();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        begin();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        begin();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        begin();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        begin();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        begin();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLabel(Label label) {
        begin();
        super.visitLabel(label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        begin();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        begin();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        begin();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        begin();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        begin();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        begin();
        super.visitLineNumber(line, start);
    }
}
