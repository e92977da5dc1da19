package dev.honestcompute.recorder.it.attacks;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.lang.invoke.MethodHandles;

/**
 * Generates a class whose own {@code invokedynamic} points at the recorder's bootstrap, as the agent's inserted code
 * does, and defines it as a hidden class (which the class file transformer never sees) and as an ordinary class.
 */
public final class ShipsItsOwnCallSite {

    private ShipsItsOwnCallSite() {
    }

    public static void attackWithHiddenClass() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> hidden = lookup.defineHiddenClass(bytes("dev/honestcompute/recorder/it/attacks/Forged"), true)
                .lookupClass();
        hidden.getMethod("run").invoke(null);
    }

    public static void attackWithOrdinaryClass() throws Throwable {
        byte[] b = bytes("dev/honestcompute/recorder/it/attacks/ForgedOrdinary");
        ClassLoader loader = new ClassLoader(ShipsItsOwnCallSite.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals("dev.honestcompute.recorder.it.attacks.ForgedOrdinary")) {
                    return defineClass(name, b, 0, b.length);
                }
                throw new ClassNotFoundException(name);
            }
        };
        loader.loadClass("dev.honestcompute.recorder.it.attacks.ForgedOrdinary").getMethod("run").invoke(null);
    }

    private static byte[] bytes(String internalName) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, internalName, null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        Handle link = new Handle(Opcodes.H_INVOKESTATIC, "dev/honestcompute/recorder/internal/Linkage", "link",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                        + "Ljava/lang/invoke/CallSite;", false);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitLdcInsn(-1L);
        m.visitInvokeDynamicInsn("EXIT", "(ZJ)V", link, 1);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
