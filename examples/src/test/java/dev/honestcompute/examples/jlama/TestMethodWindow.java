package dev.honestcompute.examples.jlama;

import dev.honestcompute.recorder.evidence.EvidenceSource;
import org.junit.jupiter.api.TestInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A recording window as the receipt glue describes it to evidence sources: the test's id, the backend it requested,
 * and the annotations on its method (else its class). Used to drive a source directly until the glue opens sources
 * for {@code @EmitsReceipt} windows itself.
 */
record TestMethodWindow(String owner, String requestedBackend, Method method) implements EvidenceSource.Window {

    static TestMethodWindow of(TestInfo test, String requestedBackend) {
        return new TestMethodWindow(test.getDisplayName(), requestedBackend, test.getTestMethod().orElseThrow());
    }

    @Override
    public boolean production() {
        return true;
    }

    @Override
    public <A extends Annotation> Optional<A> annotation(Class<A> type) {
        A own = method.getAnnotation(type);
        return Optional.ofNullable(own != null ? own : method.getDeclaringClass().getAnnotation(type));
    }
}
