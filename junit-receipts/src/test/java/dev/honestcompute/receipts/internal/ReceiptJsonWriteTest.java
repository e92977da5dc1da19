package dev.honestcompute.receipts.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReceiptJson#writeAtomically}: a temporary file moved into place, readable by everyone (0644). */
class ReceiptJsonWriteTest {

    @TempDir
    Path tmp;

    @Test
    void aWrittenFileIsReadableByEveryoneAndNoTemporaryFileIsLeft() throws Exception {
        assertThat(tmp.getFileSystem().supportedFileAttributeViews()).as("a POSIX file system: the test checks the "
                + "mode bits").contains("posix");
        Path file = tmp.resolve("receipt.json");

        ReceiptJson.writeAtomically(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(file)).isEqualTo("{}");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("receipt.json");
        }
    }

    @Test
    void aPrivateFileIsReplacedByAReadableOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("index.html"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ReceiptJson.writeAtomically(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(file)).isEqualTo("new");
    }
}
