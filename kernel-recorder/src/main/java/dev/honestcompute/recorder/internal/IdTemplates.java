package dev.honestcompute.recorder.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Kernel id templates resolved per runtime class ({@code {class}}, {@code {simpleClass}}), cached per class. Public only
 * because inlined advice in engine classes calls {@link #kernelFor}.
 */
public final class IdTemplates {

    private static final Object LOCK = new Object();
    private static volatile Template[] templates = new Template[0];

    private IdTemplates() {
    }

    static int add(String template, String backend, List<String> requires, String methodName, int parameterCount) {
        synchronized (LOCK) {
            Template[] old = templates;
            Template[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = new Template(template, backend, requires, methodName, parameterCount);
            templates = grown;
            return old.length;
        }
    }

    /** The kernel index for {@code template} applied to {@code runtimeClass}; registered on first use. */
    public static int kernelFor(int template, Class<?> runtimeClass) {
        return templates[template].indexes.get(runtimeClass);
    }

    /** Expands the placeholders of a kernel id template. */
    static String expand(String template, String className, String simpleClass, String methodName, int params) {
        return template.replace("{class}", className)
                .replace("{simpleClass}", simpleClass)
                .replace("{method}", methodName)
                .replace("{params}", Integer.toString(params));
    }

    /** {@link Class#getSimpleName()}, or the name after the package for anonymous and hidden classes. */
    static String simpleName(String binaryName, String simpleName) {
        if (simpleName != null && !simpleName.isEmpty()) {
            return simpleName;
        }
        int dot = binaryName.lastIndexOf('.');
        return binaryName.substring(dot + 1);
    }

    private static final class Template {
        final ClassValue<Integer> indexes;

        Template(String template, String backend, List<String> requires, String methodName, int params) {
            this.indexes = new ClassValue<>() {
                @Override
                protected Integer computeValue(Class<?> type) {
                    String id = expand(template, type.getName(), simpleName(type.getName(), type.getSimpleName()),
                            methodName, params);
                    return Recording.registerInstrumented(id, backend, requires);
                }
            };
        }
    }
}
