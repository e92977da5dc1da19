package dev.honestcompute.recorder.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kernel id templates resolved per runtime class ({@code {class}}, {@code {simpleClass}}), cached per class. */
final class IdTemplates {

    /** {@code (Object self, int template, boolean failed, long start)}, for {@link Linkage}. */
    static final MethodHandle EXIT;

    static {
        try {
            EXIT = MethodHandles.lookup().findStatic(IdTemplates.class, "exit",
                    MethodType.methodType(void.class, Object.class, int.class, boolean.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Object LOCK = new Object();
    private static volatile Template[] templates = new Template[0];
    private static final Map<String, Integer> BY_KEY = new HashMap<>();

    private IdTemplates() {
    }

    /** Adds a template, or returns the index of the same one added before (a retransformed class asks again). */
    static int add(String template, String backend, List<String> requires, String methodName, int parameterCount,
                   String unverified) {
        String key = String.join("\u0000", template, backend, String.join(",", requires), methodName,
                Integer.toString(parameterCount), unverified);
        synchronized (LOCK) {
            Integer known = BY_KEY.get(key);
            if (known != null) {
                return known;
            }
            BY_KEY.put(key, templates.length);
            Template[] old = templates;
            Template[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = new Template(template, backend, requires, methodName, parameterCount, unverified);
            templates = grown;
            return old.length;
        }
    }

    /** The kernel index for {@code template} applied to {@code runtimeClass}; registered on first use. */
    static int kernelFor(int template, Class<?> runtimeClass) {
        return templates[template].indexes.get(runtimeClass);
    }

    private static void exit(Object self, int template, boolean failed, long start) {
        Recording.exit(kernelFor(template, self.getClass()), failed, start);
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

        Template(String template, String backend, List<String> requires, String methodName, int params,
                 String unverified) {
            this.indexes = new ClassValue<>() {
                @Override
                protected Integer computeValue(Class<?> type) {
                    String id = expand(template, type.getName(), simpleName(type.getName(), type.getSimpleName()),
                            methodName, params);
                    return Registry.instrumented(id, backend, requires, unverified);
                }
            };
        }
    }
}
