package dev.honestcompute.recorder.it.attacks;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * An engine that ships its own {@code jcuda.driver.JCudaDriver}: one whose {@code cuLaunchKernel} just returns 0, and
 * one that declares the native method like JCuda but has no native library behind it (its wrapper catches the
 * {@code UnsatisfiedLinkError} and reports success). Neither reaches a driver, so neither may record a launch.
 */
public final class FakeJCuda {

    private static final String LAUNCH = "(Ljava/lang/Object;IIIIIIILjava/lang/Object;Ljava/lang/Object;"
            + "Ljava/lang/Object;)I";

    private FakeJCuda() {
    }

    /** Loads a fake driver in a class loader of its own and calls {@code cuLaunchKernel} {@code times} times. */
    public static int launch(boolean declaresNative, int times) throws ReflectiveOperationException {
        byte[] b = driver(declaresNative);
        ClassLoader loader = new ClassLoader(FakeJCuda.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("jcuda.driver.JCudaDriver")) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, b, 0, b.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        Class<?> fake = loader.loadClass("jcuda.driver.JCudaDriver");
        java.lang.reflect.Method m = fake.getMethod("cuLaunchKernel", Object.class, int.class, int.class, int.class,
                int.class, int.class, int.class, int.class, Object.class, Object.class, Object.class);
        int sum = 0;
        for (int i = 0; i < times; i++) {
            sum += (Integer) m.invoke(null, new Object(), 1, 1, 1, 1, 1, 1, 0, null, null, null);
        }
        return sum;
    }

    private static byte[] driver(boolean declaresNative) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "jcuda/driver/JCudaDriver", null, "java/lang/Object", null);
        if (declaresNative) {
            w.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_NATIVE, "cuLaunchKernelNative",
                    LAUNCH, null, null).visitEnd();
        }
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "cuLaunchKernel", LAUNCH, null, null);
        m.visitCode();
        if (declaresNative) {
            net.bytebuddy.jar.asm.Label start = new net.bytebuddy.jar.asm.Label();
            net.bytebuddy.jar.asm.Label end = new net.bytebuddy.jar.asm.Label();
            net.bytebuddy.jar.asm.Label handler = new net.bytebuddy.jar.asm.Label();
            m.visitTryCatchBlock(start, end, handler, "java/lang/UnsatisfiedLinkError");
            m.visitLabel(start);
            for (int i = 0; i < 11; i++) {
                m.visitVarInsn(i >= 1 && i <= 7 ? Opcodes.ILOAD : Opcodes.ALOAD, i);
            }
            m.visitMethodInsn(Opcodes.INVOKESTATIC, "jcuda/driver/JCudaDriver", "cuLaunchKernelNative", LAUNCH, false);
            m.visitLabel(end);
            m.visitInsn(Opcodes.IRETURN);
            m.visitLabel(handler);
            m.visitInsn(Opcodes.POP);
        }
        m.visitInsn(Opcodes.ICONST_0);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
