package dev.honestcompute.parity.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container parity without Docker: a clear failure, or an explicit, reported deselection. */
class LlamaServerContainerTest {

    @TempDir
    Path dir;

    @Test
    void withoutDockerStartFailsWithTheReasonAndHowToDeselect() throws Exception {
        Path gguf = Files.write(dir.resolve("model.gguf"), new byte[] {1});
        assertThatThrownBy(() -> LlamaServerContainer.start(gguf, "ghcr.io/ggml-org/llama.cpp:server",
                Map.<String, String>of()::get, () -> false, () -> "no Docker socket at /var/run/docker.sock"))
                .isInstanceOfSatisfying(ContainerParityUnavailableException.class,
                        e -> assertThat(e.deselected()).isFalse())
                .hasMessage("container parity against ghcr.io/ggml-org/llama.cpp:server cannot run: Docker is not "
                        + "available: no Docker socket at /var/run/docker.sock; container parity needs a Docker engine. "
                        + "To deselect container parity for this run set honestcompute.parity.container=skip "
                        + "(-Dhonestcompute.parity.container=skip); deselected checks are reported and counted, never "
                        + "passed");
    }

    @Test
    void onThisMachineTheRealDockerCheckReportsDockerMissing() throws Exception {
        // No Docker engine runs here (FACTS.md): the real Testcontainers probe must say so, not hang or pass.
        LlamaServerContainer.Availability a = LlamaServerContainer.availability();
        assertThat(a.deselected()).isFalse();
        assertThat(a.ready()).isFalse();
        assertThat(a.reason()).startsWith("Docker is not available: ");
        Path gguf = Files.write(dir.resolve("model.gguf"), new byte[] {1});
        assertThatThrownBy(() -> LlamaServerContainer.start(gguf))
                .isInstanceOf(ContainerParityUnavailableException.class)
                .hasMessageContaining("cannot run: Docker is not available");
    }

    @Test
    void deselectionIsExplicitAndNeverAPass() throws Exception {
        Path gguf = Files.write(dir.resolve("model.gguf"), new byte[] {1});
        LlamaServerContainer.Availability a = LlamaServerContainer.availability(
                Map.of(LlamaServerContainer.SELECTION_PROPERTY, "skip")::get, () -> true, () -> "");
        assertThat(a.deselected()).isTrue();
        assertThat(a.ready()).isFalse();
        assertThatThrownBy(() -> LlamaServerContainer.start(gguf, "img",
                Map.of(LlamaServerContainer.SELECTION_PROPERTY, "skip")::get, () -> true, () -> ""))
                .isInstanceOfSatisfying(ContainerParityUnavailableException.class,
                        e -> assertThat(e.deselected()).isTrue())
                .hasMessageContaining("deselected for this run by honestcompute.parity.container=skip");
        assertThatThrownBy(() -> LlamaServerContainer.availability(
                Map.of(LlamaServerContainer.SELECTION_PROPERTY, "maybe")::get, () -> true, () -> ""))
                .hasMessage("honestcompute.parity.container must be 'run' or 'skip', but was 'maybe'");
        assertThat(LlamaServerContainer.availability(Map.<String, String>of()::get, () -> true, () -> "").ready())
                .isTrue();
    }
}
