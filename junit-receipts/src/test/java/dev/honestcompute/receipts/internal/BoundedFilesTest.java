package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.ReceiptReadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BoundedFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFifoADeviceAndADirectoryAreRefusedWithoutOpeningThem() throws Exception {
        Path fifo = dev.honestcompute.receipts.SpecialFiles.fifo(dir.resolve("receipt.json"));
        // opening a FIFO with no writer blocks forever: the refusal must come from its attributes
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> BoundedFiles.read(fifo, 1000)).isInstanceOf(ReceiptReadException.class)
                    .hasMessage(fifo + ": not a regular file (a named pipe (FIFO)); receipts and run summaries are "
                            + "regular JSON files, and other files are never opened (reading a FIFO or a device can "
                            + "block or never end)");
            assertThatThrownBy(() -> BoundedFiles.sha256(fifo, 1000)).hasMessageContaining("a named pipe (FIFO)");
            assertThatThrownBy(() -> ReceiptJson.readObject(fifo)).hasMessageContaining("a named pipe (FIFO)");
        });
        assertThatThrownBy(() -> BoundedFiles.read(Path.of("/dev/zero"), 1000))
                .hasMessageContaining("/dev/zero: not a regular file (a character device)");
        assertThatThrownBy(() -> BoundedFiles.read(dir, 1000)).hasMessageContaining("not a regular file (a directory)");
        assertThatThrownBy(() -> BoundedFiles.read(dir.resolve("nope.json"), 1000))
                .hasMessageContaining("file does not exist");
    }

    @Test
    void aFileLargerThanTheCapIsRefusedFromItsSizeAndAtMostTheCapIsRead() throws Exception {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(5000);
        }
        assertThatThrownBy(() -> BoundedFiles.read(big, 4999))
                .hasMessageContaining("file is 5000 bytes, larger than the 4999-byte limit");
        assertThat(BoundedFiles.read(big, 5000)).hasSize(5000);
        Path small = Files.writeString(dir.resolve("small.json"), "{}");
        assertThat(BoundedFiles.sha256(small, 10))
                .isEqualTo(dev.honestcompute.fixtures.hash.Sha256.of("{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReceiptWithMoreTokensThanAnyReceiptHasIsRefusedWhileARunSummaryMayHaveMore() throws Exception {
        StringBuilder sb = new StringBuilder("{\"kernels\": [");
        for (long i = 0; i < ReceiptJson.MAX_TOKENS; i++) {
            sb.append(i == 0 ? "" : ",").append('1');
        }
        Path file = Files.writeString(dir.resolve("many.json"), sb.append("]}").toString());
        assertThatThrownBy(() -> ReceiptJson.readObject(file)).isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining("exceeds a parser limit (nesting depth 64, string length 1000000, number "
                        + "length 100, 1000000 JSON tokens in a receipt)")
                .hasMessageContaining("this is not a file Honest Compute wrote");
        assertThat(ReceiptJson.readSummaryObject(file).path("kernels").size()).isEqualTo(ReceiptJson.MAX_TOKENS);
    }
}
