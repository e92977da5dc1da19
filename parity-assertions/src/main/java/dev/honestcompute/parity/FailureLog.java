package dev.honestcompute.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON Lines file of failed {@link ParityRecord}s, one per line, each with the full input, so any failure can be
 * replayed later ({@link ParityHarness#replay(FailureLog, int)}). Every append rewrites the file through a temp
 * file in the same directory and an atomic move, so a crash never leaves a half-written line.
 *
 * <pre>{@code
 * FailureLog log = new FailureLog(Path.of("target/parity/failures.jsonl"));
 * ParityRecord third = log.row(3);      // 1-based, as editors number lines
 * }</pre>
 */
public final class FailureLog {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public FailureLog(Path file) {
        this.file = Objects.requireNonNull(file, "failure log path must not be null");
    }

    public Path file() {
        return file;
    }

    /** Appends one record as one line. */
    public synchronized void append(ParityRecord record) {
        Objects.requireNonNull(record, "record must not be null");
        try {
            byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            try {
                if (Files.exists(file)) {
                    Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.write(tmp, line, java.nio.file.StandardOpenOption.APPEND);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the parity failure log " + file.toAbsolutePath() + ": "
                    + e.getMessage() + "; check that the directory is writable", e);
        }
    }

    /** All records, in order. An absent file has none. */
    public List<ParityRecord> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parity failure log " + file.toAbsolutePath(), e);
        }
        List<ParityRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(parse(lines.get(i), i + 1));
            }
        }
        return out;
    }

    /** The record on line {@code row} (1-based). */
    public ParityRecord row(int row) {
        List<ParityRecord> all = read();
        if (row < 1 || row > all.size()) {
            throw new IllegalArgumentException("the parity failure log " + file.toAbsolutePath() + " has "
                    + all.size() + " rows, so row " + row + " does not exist; rows are numbered from 1");
        }
        return all.get(row - 1);
    }

    private ParityRecord parse(String line, int lineNumber) {
        try {
            return JSON.readValue(line, ParityRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the parity failure log " + file.toAbsolutePath() + " line " + lineNumber
                    + " is not a parity record: " + e.getOriginalMessage() + "; was the file edited by hand?", e);
        }
    }
}
