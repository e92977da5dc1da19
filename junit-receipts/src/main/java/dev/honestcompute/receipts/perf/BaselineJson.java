package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Local JSON mapper and atomic writer for this package.
 * LEAD: replace with the shared {@code ReceiptJson} mapper factory and the shared atomic writer when merging.
 */
final class BaselineJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private BaselineJson() {
    }

    /** Writes {@code value} as JSON through a temp file in the same directory and an atomic move. */
    static void writeAtomically(Path target, Object value) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, MAPPER.writeValueAsString(value).concat("\n").getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot atomically replace " + target + ": " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
