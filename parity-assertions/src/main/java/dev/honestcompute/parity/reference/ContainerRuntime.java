package dev.honestcompute.parity.reference;

import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The only class that touches Testcontainers: {@link LlamaServerContainer} loads it after checking that the optional
 * library is on the class path.
 */
final class ContainerRuntime implements AutoCloseable {

    private final GenericContainer<?> container;

    private ContainerRuntime(GenericContainer<?> container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static String dockerProblem() {
        try {
            DockerClientFactory.instance().client();
            return "the Docker client answered, but Testcontainers reported it unavailable";
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
        }
    }

    /** Starts a llama.cpp server image on {@code gguf}, waiting for its health endpoint. */
    static ContainerRuntime startLlamaServer(String image, Path gguf, int port, String modelInContainer) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withCopyFileToContainer(MountableFile.forHostPath(gguf), modelInContainer)
                .withCommand("-m", modelInContainer, "--host", "0.0.0.0", "--port", Integer.toString(port),
                        "--temp", "0", "--no-warmup")
                .withExposedPorts(port)
                .waitingFor(Wait.forHttp("/health").forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(3));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
        return new ContainerRuntime(container);
    }

    String host() {
        return container.getHost();
    }

    int mappedPort(int port) {
        return container.getMappedPort(port);
    }

    @Override
    public void close() {
        container.close();
    }
}
