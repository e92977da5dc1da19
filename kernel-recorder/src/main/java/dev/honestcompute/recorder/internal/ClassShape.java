package dev.honestcompute.recorder.internal;

import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

/**
 * What the agent needs to know about a class file before changing it: names, access flags, the recorder's
 * annotations with their values, and each method's local-variable count. Read in one pass with ASM; debug
 * information and frames are skipped.
 */
final class ClassShape {

    static final String KERNEL_DESC = "Ldev/honestcompute/recorder/Kernel;";
    static final String MOCK_COMPUTE_DESC = "Ldev/honestcompute/recorder/MockCompute;";

    String name;
    String simpleName;
    /** The nest host's binary name (the outermost class of a nested class), or {@code null} for a top-level class. */
    String nestHost;
    int access;
    /** {@code @MockCompute} value on the class, or {@code null} when the class is not annotated. */
    String mockCompute;
    final List<Method> methods = new ArrayList<>();

    /** One declared method. */
    static final class Method {
        final String name;
        final String descriptor;
        final int access;
        int maxLocals;
        /** {@code @Kernel} values, or {@code null}. */
        KernelAnnotation kernel;
        /** {@code @MockCompute} value on the method, or {@code null}. */
        String mockCompute;

        Method(String name, String descriptor, int access) {
            this.name = name;
            this.descriptor = descriptor;
            this.access = access;
        }

        boolean is(int flag) {
            return (access & flag) != 0;
        }

        /** A plain method: not a constructor or type initializer. */
        boolean isMethod() {
            return !name.startsWith("<");
        }
    }

    /** The values of one {@code @Kernel}, with the annotation's defaults where the class file has none. */
    static final class KernelAnnotation {
        String id;
        String backend = "cpu";
        final List<String> requires = new ArrayList<>();
        boolean returnedZero;
    }

    boolean is(int flag) {
        return (access & flag) != 0;
    }

    static ClassShape read(ClassReader reader) {
        ClassShape shape = new ClassShape();
        reader.accept(shape.new Scanner(), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (shape.simpleName == null) {
            shape.simpleName = shape.name.substring(shape.name.lastIndexOf('.') + 1);
        }
        return shape;
    }

    private final class Scanner extends ClassVisitor {
        Scanner() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            ClassShape.this.name = name.replace('/', '.');
            ClassShape.this.access = access;
        }

        @Override
        public void visitNestHost(String host) {
            nestHost = host.replace('/', '.');
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            if (name.replace('/', '.').equals(ClassShape.this.name)) {
                simpleName = innerName == null ? "" : innerName; // anonymous: "" like Class.getSimpleName()
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (descriptor.equals(MOCK_COMPUTE_DESC)) {
                mockCompute = "";
                return new AnnotationVisitor(Opcodes.ASM9) {
                    @Override
                    public void visit(String key, Object value) {
                        mockCompute = String.valueOf(value);
                    }
                };
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            Method m = new Method(name, descriptor, access);
            methods.add(m);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    if (desc.equals(MOCK_COMPUTE_DESC)) {
                        m.mockCompute = "";
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                m.mockCompute = String.valueOf(value);
                            }
                        };
                    }
                    if (desc.equals(KERNEL_DESC)) {
                        KernelAnnotation k = new KernelAnnotation();
                        m.kernel = k;
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                if (key.equals("id")) {
                                    k.id = (String) value;
                                } else if (key.equals("backend")) {
                                    k.backend = (String) value;
                                }
                            }

                            @Override
                            public void visitEnum(String key, String enumDesc, String value) {
                                if (key.equals("success")) {
                                    k.returnedZero = value.equals("RETURNED_ZERO");
                                }
                            }

                            @Override
                            public AnnotationVisitor visitArray(String key) {
                                if (!key.equals("requires")) {
                                    return null;
                                }
                                return new AnnotationVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visit(String unused, Object value) {
                                        k.requires.add((String) value);
                                    }
                                };
                            }
                        };
                    }
                    return null;
                }

                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    m.maxLocals = maxLocals;
                }
            };
        }
    }
}
