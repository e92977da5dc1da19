package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Whether a test the platform reports must have written a receipt: it is annotated {@code @EmitsReceipt} on its
 * method, its class or an enclosing class, looked up the way the extension looks it up. Dynamic tests are judged by
 * their factory method. The run summary records the answer, so a receipt removed together with its summary entry is
 * still missed.
 */
final class ReceiptExpectations {

    private ReceiptExpectations() {
    }

    /** {@code true} when the test emits a receipt; {@code null} when it does not or its source cannot be loaded. */
    static Boolean emitsReceipt(TestIdentifier id, TestPlan plan) {
        try {
            for (TestIdentifier t = id; t != null; t = plan == null ? null : plan.getParent(t).orElse(null)) {
                Optional<TestSource> source = t.getSource();
                if (source.isPresent() && source.get() instanceof MethodSource m) {
                    return annotated(m.getJavaClass(), m.getJavaMethod()) ? Boolean.TRUE : null;
                }
                if (source.isPresent() && source.get() instanceof ClassSource c) {
                    return annotated(c.getJavaClass(), null) ? Boolean.TRUE : null;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // a class the listener cannot load (another class loader, another engine): no expectation recorded
        }
        return null;
    }

    private static boolean annotated(Class<?> testClass, Method method) {
        if (method != null && AnnotationSupport.findAnnotation(method, EmitsReceipt.class).isPresent()) {
            return true;
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.findAnnotation(c, EmitsReceipt.class).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
