package dev.honestcompute.recorder.evidence.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class OwnDirectoryTest {

    @Test
    void isAFreshOwnerOnlyDirectoryAndContainsOnlyItsDirectChildren(@TempDir Path elsewhere) throws IOException {
        OwnDirectory dir = new OwnDirectory("honestcompute-test-");
        Path path = dir.path();
        assertThat(path.getFileName().toString()).startsWith("honestcompute-test-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rwx------");
        assertThat(dir.contains(path.resolve("s1_2026.json"))).isTrue();
        assertThat(dir.contains(path.resolve("sub/s1.json"))).isFalse();
        assertThat(dir.contains(path.resolve("../escape.json"))).isFalse();
        assertThat(dir.contains(elsewhere.resolve("s1.json"))).isFalse();

        Files.writeString(path.resolve("s1_a.json"), "x");
        Files.writeString(path.resolve("s10_a.json"), "x");
        assertThat(dir.deleteStartingWith("s1_")).isEqualTo(1);
        assertThat(path.resolve("s10_a.json")).exists();
        assertThat(dir.deleteStartingWith("")).isEqualTo(1);
    }
}
