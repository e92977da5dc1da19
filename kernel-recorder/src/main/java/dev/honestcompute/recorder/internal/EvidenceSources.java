package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Fallback;
import dev.honestcompute.recorder.evidence.EvidenceKind;
import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Calls the {@link EvidenceSource}s ({@link ServiceLoader}, descending priority) for every window: opened when the
 * window opens, closed (reverse order) when it closes, their kernels counted in the window with the source's name and
 * kind. A source that is not Honest Compute's own code reports kernels marked unverified (the receipt names the
 * source), unless the system property {@value #TRUSTED} names it: trusting a third-party source is a statement the
 * receipt shows.
 */
final class EvidenceSources {

    static final String TRUSTED = "honestcompute.evidence.trusted";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern FACT = NAME;
    private static final int MAX_REPORTS = 10_000;

    /** One source opened for one window. */
    record Open(EvidenceSource source, EvidenceSource.Capture capture) {
    }

    private static volatile List<EvidenceSource> sources;
    private static volatile List<String> loadProblems = List.of();

    private EvidenceSources() {
    }

    private static List<EvidenceSource> sources() {
        List<EvidenceSource> s = sources;
        if (s != null) {
            return s;
        }
        synchronized (EvidenceSources.class) {
            if (sources != null) {
                return sources;
            }
            List<EvidenceSource> found = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            try {
                for (java.util.Iterator<EvidenceSource> it = ServiceLoader.load(EvidenceSource.class,
                        EvidenceSources.class.getClassLoader()).iterator(); it.hasNext(); ) {
                    try {
                        EvidenceSource source = it.next();
                        if (!NAME.matcher(String.valueOf(source.name())).matches() || source.kind() == null) {
                            problems.add("evidence source " + source.getClass().getName() + " has an invalid name '"
                                    + source.name() + "' or no kind; names are lower case [a-z0-9._-], at most 64");
                            continue;
                        }
                        found.add(source);
                    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                        problems.add("an evidence source could not be loaded: " + e);
                    }
                }
            } catch (ServiceConfigurationError e) {
                problems.add("evidence sources could not be listed: " + e);
            }
            found.sort(Comparator.comparingInt(EvidenceSource::priority).reversed()
                    .thenComparing(EvidenceSource::name));
            loadProblems = List.copyOf(problems);
            sources = List.copyOf(found);
            return sources;
        }
    }

    static List<Open> open(Node n) {
        List<EvidenceSource> all = sources();
        for (String p : loadProblems) {
            n.unavailable.add(p);
        }
        if (all.isEmpty()) {
            return List.of();
        }
        EvidenceSource.Window window = new EvidenceSource.Window() {
            @Override
            public String owner() {
                return n.owner;
            }

            @Override
            public boolean production() {
                return n.production;
            }

            @Override
            public String requestedBackend() {
                return n.requestedBackend;
            }

            @Override
            public <A extends Annotation> Optional<A> annotation(Class<A> type) {
                return TestAnnotations.find(n.test, type);
            }
        };
        List<Open> opened = new ArrayList<>();
        for (EvidenceSource s : all) {
            try {
                EvidenceSource.Capture c = s.open(window);
                if (c != null) {
                    opened.add(new Open(s, c));
                }
            } catch (RuntimeException | LinkageError e) {
                n.unavailable.add(s.name() + ": could not start watching this window: " + e);
            }
        }
        return opened;
    }

    static void close(Node n, List<Open> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            Open o = opened.get(i);
            Sink sink = new Sink(n, o.source);
            try {
                o.capture.close(sink);
            } catch (RuntimeException | LinkageError e) {
                n.unavailable.add(o.source.name() + ": could not report for this window: " + e);
            } finally {
                sink.done = true;
            }
        }
    }

    /** Why kernels of {@code source} are not trusted as evidence, or {@code ""}. */
    private static String unverified(EvidenceSource source) {
        if (LibraryCode.isLibrary(source.getClass())) {
            return "";
        }
        Set<String> trusted = Set.of(System.getProperty(TRUSTED, "").split(","));
        if (trusted.contains(source.name())) {
            return "";
        }
        return "reported by the third-party evidence source '" + source.name() + "' (" + source.getClass().getName()
                + " from " + LibraryCode.location(source.getClass()) + "), which is not Honest Compute's own code;"
                + " trust it with -D" + TRUSTED + "=" + source.name();
    }

    private static final class Sink implements EvidenceSink {
        private final Node node;
        private final EvidenceSource source;
        private final String unverified;
        private int reports;
        volatile boolean done;

        Sink(Node node, EvidenceSource source) {
            this.node = node;
            this.source = source;
            this.unverified = unverified(source);
        }

        private void check() {
            if (done) {
                throw new IllegalStateException("evidence source '" + source.name() + "' reported after its window "
                        + "closed; report only inside Capture.close");
            }
            if (++reports > MAX_REPORTS) {
                throw new IllegalStateException("evidence source '" + source.name() + "' reported more than "
                        + MAX_REPORTS + " observations for one window; aggregate them per kernel id");
            }
        }

        @Override
        public void kernel(String id, String backend, long calls, long failedCalls, String detail) {
            check();
            if (calls < 0 || failedCalls < 0 || calls + failedCalls == 0) {
                throw new IllegalArgumentException("evidence source '" + source.name() + "', kernel '" + id
                        + "': calls and failedCalls must be >= 0 and not both 0, got " + calls + " and " + failedCalls);
            }
            EvidenceKind kind = source.kind();
            int k = Registry.register(id, backend, List.of(), source.name(), kind, unverified);
            node.sourceCounted(k, calls, failedCalls);
            if (detail != null && !detail.isBlank()) {
                node.evidence(source.name() + " (" + kind.jsonName() + "): " + id + " on " + backend + ": " + detail);
            }
        }

        @Override
        public void fallback(String requested, String effective, String reasonCode, String detail) {
            check();
            node.fallbacks.add(new Fallback(requested, effective, reasonCode,
                    (detail == null ? "" : detail) + " [observed by " + source.name() + "]"));
        }

        @Override
        public void fact(String name, String value) {
            check();
            if (name == null || !FACT.matcher(name).matches()) {
                throw new IllegalArgumentException("evidence source '" + source.name() + "': fact name '" + name
                        + "' must be lower case [a-z0-9._-], prefixed by the engine, at most 64 characters");
            }
            node.fact(source.name(), name, value == null ? "" : value, unverified);
        }

        @Override
        public void unavailable(String what, String why) {
            check();
            node.unavailable.add(source.name() + ": " + what + " not available: " + why);
        }
    }
}
