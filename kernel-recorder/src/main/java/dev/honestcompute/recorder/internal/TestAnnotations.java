package dev.honestcompute.recorder.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a test's annotation as JUnit finds {@code @EmitsReceipt}: on the test method, else on its class (inherited
 * through {@code @Inherited}), else on an enclosing class ({@code @Nested} tests); on each, directly or as a
 * meta-annotation (an annotation of an annotation, at any depth).
 */
final class TestAnnotations {

    private TestAnnotations() {
    }

    static <A extends Annotation> Optional<A> find(AnnotatedElement[] test, Class<A> type) {
        if (test == null || type == null) {
            return Optional.empty();
        }
        for (AnnotatedElement e : test) {
            for (AnnotatedElement on = e; on != null; on = enclosing(on)) {
                A found = onElement(on, type, new HashSet<>());
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    private static AnnotatedElement enclosing(AnnotatedElement e) {
        return e instanceof Class<?> ? ((Class<?>) e).getEnclosingClass() : null;
    }

    private static <A extends Annotation> A onElement(AnnotatedElement on, Class<A> type,
                                                      Set<Class<? extends Annotation>> seen) {
        A direct = on.getAnnotation(type);
        if (direct != null) {
            return direct;
        }
        for (Annotation a : on.getAnnotations()) {
            Class<? extends Annotation> t = a.annotationType();
            if (!t.getName().startsWith("java.lang.annotation.") && seen.add(t)) {
                A meta = onElement(t, type, seen);
                if (meta != null) {
                    return meta;
                }
            }
        }
        return null;
    }
}
