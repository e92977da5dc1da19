package dev.honestcompute.recorder.evidence;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A {@link EvidenceSource.Window} for tests of the sources: an owner, a requested backend and test annotations. */
public record TestWindow(String owner, boolean production, String requestedBackend, List<Annotation> annotations)
        implements EvidenceSource.Window {

    public static TestWindow of(String owner) {
        return new TestWindow(owner, true, "", List.of());
    }

    public static TestWindow requesting(String owner, String backend, Annotation... annotations) {
        return new TestWindow(owner, true, backend, Arrays.asList(annotations));
    }

    @Override
    public <A extends Annotation> Optional<A> annotation(Class<A> type) {
        return annotations.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
