package dev.honestcompute.parity.reference;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A reference engine in a container: starts a llama.cpp server image (Testcontainers) on a GGUF model and talks
 * to it through {@link LlamaServerClient}.
 *
 * <pre>{@code
 * try (ReferenceEngine llama = LlamaServerContainer.start(Path.of("target/fixtures/tiny.gguf"))) {
 *     Generation g = llama.generateGreedy("Once upon", 8, 5);
 * }
 * }</pre>
 *
 * <p>Image: {@value #IMAGE_PROPERTY} (default {@value #DEFAULT_IMAGE}). Without a Docker engine, {@link #start}
 * fails with a {@link ContainerParityUnavailableException} that says so and how to deselect container parity
 * for the run ({@code -D}{@value #SELECTION_PROPERTY}{@code =skip}); a deselected run fails the same way with
 * {@link ContainerParityUnavailableException#deselected()} true, so the caller reports and counts it — it is never
 * a pass.
 *
 * <p>Testcontainers ({@code org.testcontainers:testcontainers}) is an optional dependency of parity-assertions: add
 * it to the test class path; without it {@link #start} fails with {@link MissingReferenceDependencyException} naming
 * it, and {@link #availability()} reports it as the reason (a failure, not a deselection).
 */
public final class LlamaServerContainer implements ReferenceEngine {

    /** System property naming the server image. */
    public static final String IMAGE_PROPERTY = "honestcompute.parity.container.image";
    /** The llama.cpp project's server image. */
    public static final String DEFAULT_IMAGE = "ghcr.io/ggml-org/llama.cpp:server";
    /** System property: {@code skip} deselects container parity for this run (reported, counted, not passed). */
    public static final String SELECTION_PROPERTY = "honestcompute.parity.container";

    private static final int PORT = 8080;
    private static final String MODEL_IN_CONTAINER = "/models/model.gguf";

    private final ContainerRuntime container;
    private final LlamaServerClient client;
    private final String image;

    private LlamaServerContainer(ContainerRuntime container, LlamaServerClient client, String image) {
        this.container = container;
        this.client = client;
        this.image = image;
    }

    /** Starts the image named by {@value #IMAGE_PROPERTY} (or the default) on {@code gguf}. */
    public static LlamaServerContainer start(Path gguf) {
        return start(gguf, System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
    }

    public static LlamaServerContainer start(Path gguf, String image) {
        return start(gguf, image, System::getProperty, LlamaServerContainer::dockerAvailable,
                LlamaServerContainer::dockerProblem);
    }

    /**
     * Whether container parity can run in this JVM, without starting anything: deselected by
     * {@value #SELECTION_PROPERTY}{@code =skip}, or Docker missing (with Testcontainers' reason), or ready. The
     * JUnit binding uses this to report a deselection (counted, never passed) or to fail with the reason.
     *
     * <pre>{@code
     * LlamaServerContainer.Availability a = LlamaServerContainer.availability();
     * if (a.deselected()) report("deselected: " + a.reason());
     * }</pre>
     */
    public static Availability availability() {
        return availability(System::getProperty, LlamaServerContainer::dockerAvailable,
                LlamaServerContainer::dockerProblem);
    }

    /**
     * @param deselected      the run deselected container parity
     * @param dockerAvailable a Docker engine answered (false when not probed because deselected)
     * @param reason          why it cannot run; empty when it can
     */
    public record Availability(boolean deselected, boolean dockerAvailable, String reason) {
        /** True when container parity can run. */
        public boolean ready() {
            return !deselected && dockerAvailable;
        }
    }

    static Availability availability(java.util.function.UnaryOperator<String> properties, BooleanSupplier docker,
            Supplier<String> dockerProblem) {
        String selection = properties.apply(SELECTION_PROPERTY);
        if (selection != null && !selection.isBlank()) {
            String s = selection.trim().toLowerCase(Locale.ROOT);
            if (s.equals("skip")) {
                return new Availability(true, false, "container parity deselected for this run by " + SELECTION_PROPERTY
                        + "=skip; it is reported as deselected, not as passed");
            }
            if (!s.equals("run")) {
                throw new IllegalArgumentException(SELECTION_PROPERTY + " must be 'run' or 'skip', but was '" + selection
                        + "'");
            }
        }
        if (!OptionalDependency.TESTCONTAINERS.present()) {
            return new Availability(false, false, OptionalDependency.TESTCONTAINERS.message());
        }
        if (!docker.getAsBoolean()) {
            return new Availability(false, false, "Docker is not available: " + dockerProblem.get()
                    + "; container parity needs a Docker engine. To deselect container parity for this run set "
                    + SELECTION_PROPERTY + "=skip (-D" + SELECTION_PROPERTY + "=skip); deselected checks are reported "
                    + "and counted, never passed");
        }
        return new Availability(false, true, "");
    }

    static LlamaServerContainer start(Path gguf, String image, java.util.function.UnaryOperator<String> properties,
            BooleanSupplier docker, Supplier<String> dockerProblem) {
        Objects.requireNonNull(gguf, "gguf model path must not be null");
        Objects.requireNonNull(image, "image must not be null");
        Availability availability = availability(properties, docker, dockerProblem);
        if (!availability.deselected()) {
            OptionalDependency.TESTCONTAINERS.require();
        }
        if (!availability.ready()) {
            throw new ContainerParityUnavailableException("container parity against " + image + " cannot run: "
                    + availability.reason(), availability.deselected(), null);
        }
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("GGUF model " + gguf.toAbsolutePath() + " does not exist or is not a file; "
                    + "generate the fixture first");
        }
        ContainerRuntime container;
        try {
            container = ContainerRuntime.startLlamaServer(image, gguf, PORT, MODEL_IN_CONTAINER);
        } catch (RuntimeException e) {
            throw new ReferenceEngineException("could not start " + image + " on " + gguf + ": " + e.getMessage()
                    + "; check the image name (" + IMAGE_PROPERTY + ") and the container log", e);
        }
        URI uri = URI.create("http://" + container.host() + ":" + container.mappedPort(PORT));
        return new LlamaServerContainer(container, LlamaServerClient.llamaCpp(uri).build(), image);
    }

    static boolean dockerAvailable() {
        return ContainerRuntime.dockerAvailable();
    }

    static String dockerProblem() {
        return ContainerRuntime.dockerProblem();
    }

    @Override
    public EngineIdentity identity() {
        EngineIdentity server = client.identity();
        return new EngineIdentity(server.name(), server.version(), "container " + image + " " + server.detail());
    }

    @Override
    public Set<Capability> capabilities() {
        return client.capabilities();
    }

    @Override
    public Tokenization tokenize(String text) {
        return client.tokenize(text);
    }

    @Override
    public Generation generateGreedy(int[] promptTokens, int maxTokens, int topProbabilities) {
        return client.generateGreedy(promptTokens, maxTokens, topProbabilities);
    }

    @Override
    public Generation generateGreedy(String prompt, int maxTokens, int topProbabilities) {
        return client.generateGreedy(prompt, maxTokens, topProbabilities);
    }

    @Override
    public void close() {
        container.close();
    }
}
