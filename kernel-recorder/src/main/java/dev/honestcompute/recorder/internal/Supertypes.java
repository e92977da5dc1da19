package dev.honestcompute.recorder.internal;

import java.util.List;

/**
 * Looks up the direct supertypes of a class by binary name: superclass first, then interfaces. Empty when the class
 * is unknown or has none. Kernels config entries with {@code "subtypes": true} walk it.
 */
@FunctionalInterface
public interface Supertypes {

    List<String> of(String className);

    /** Supertypes of loaded classes, by reflection; {@code root} is the class being matched. */
    static Supertypes ofLoaded(Class<?> root) {
        java.util.Map<String, Class<?>> known = new java.util.HashMap<>();
        known.put(root.getName(), root);
        return name -> {
            Class<?> c = known.get(name);
            if (c == null) {
                return List.of();
            }
            List<String> out = new java.util.ArrayList<>();
            if (c.getSuperclass() != null) {
                known.put(c.getSuperclass().getName(), c.getSuperclass());
                out.add(c.getSuperclass().getName());
            }
            for (Class<?> i : c.getInterfaces()) {
                known.put(i.getName(), i);
                out.add(i.getName());
            }
            return out;
        };
    }
}
