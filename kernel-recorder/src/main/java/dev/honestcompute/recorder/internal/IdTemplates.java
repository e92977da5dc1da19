package dev.honestcompute.recorder.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Kernel id templates resolved per runtime class ({@code {class}}, {@code {simpleClass}}), cached per class. Public only
 * because the code the agent inserts into engine classes calls {@link #exit}.
 */
public final class IdTemplates {

    private static final Object LOCK = new Object();
    private static volatile Template[] templates = new Template[0];

    private IdTemplates() {
    }

    private static final java.util.Map<String, Integer> BY_KEY = new java.util.HashMap<>();

    /** Adds a template, or returns the index of the same one added before (a retransformed class asks again). */
    static int add(String template, String backend, List<String> requires, String methodName, int parameterCount) {
        String key = String.join("\u0000", template, backend, String.join(",", requires), methodName,
                Integer.toString(parameterCount));
        synchronized (LOCK) {
            Integer known = BY_KEY.get(key);
            if (known != null) {
                return known;
            }
            BY_KEY.put(key, templates.length);
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

    /** Called by the code the agent inserts when a kernel call on {@code self} finished. */
    public static void exit(Object self, int template, boolean failed, long start) {
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
