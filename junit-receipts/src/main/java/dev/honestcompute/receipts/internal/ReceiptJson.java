package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one JSON configuration for receipts, run summaries, baselines and reports' inputs: explicit parser limits,
 * duplicate keys rejected, big numbers kept exact, pretty output with a trailing newline, atomic writes.
 */
public final class ReceiptJson {

    /** Largest receipt or summary file read, in bytes. Bigger inputs are rejected before parsing. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Deepest nesting of arrays/objects accepted. Receipts need fewer than 10 levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value accepted, in characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Longest number literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /**
     * Most JSON tokens (values, names, brackets) in one receipt. A receipt lists at most 10,000 kernel ids (HC009)
     * and is a few kilobytes; the cap keeps the parsed tree of any input small enough for a 256 MB heap.
     */
    public static final long MAX_TOKENS = 1_000_000;
    /** Most JSON tokens in one run summary (every test of a build, twice: outcomes and the replay plan). */
    public static final long MAX_SUMMARY_TOKENS = 8_000_000;

    private static final ObjectMapper MAPPER = createMapper(MAX_TOKENS);
    private static final ObjectMapper SUMMARY_MAPPER = createMapper(MAX_SUMMARY_TOKENS);

    private ReceiptJson() {
    }

    private static ObjectMapper createMapper(long maxTokens) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxDocumentLength(MAX_FILE_BYTES)
                        .maxTokenCount(maxTokens)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return JsonMapper.builder(factory)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    /** The shared mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a receipt (or any small JSON object) from a file: only a regular file is opened, at most
     * {@link #MAX_FILE_BYTES} + 1 bytes are read, and parsing stops after {@link #MAX_TOKENS} tokens.
     */
    public static ObjectNode readObject(Path file) throws ReceiptReadException {
        return parse(MAPPER, BoundedFiles.read(file, MAX_FILE_BYTES), file.toString());
    }

    /**
     * Reads a run summary: as {@link #readObject(Path)}, with room for {@link #MAX_SUMMARY_TOKENS} tokens (a summary
     * lists every test of a build).
     */
    public static ObjectNode readSummaryObject(Path file) throws ReceiptReadException {
        return parse(SUMMARY_MAPPER, BoundedFiles.read(file, MAX_FILE_BYTES), file.toString());
    }

    /** Parses a JSON object; {@code source} names the input in error messages. */
    public static ObjectNode parseObject(byte[] json, String source) throws ReceiptReadException {
        return parse(MAPPER, json, source);
    }

    private static ObjectNode parse(ObjectMapper mapper, byte[] json, String source) throws ReceiptReadException {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new ReceiptReadException(source, "exceeds a parser limit (nesting depth " + MAX_NESTING_DEPTH
                    + ", string length " + MAX_STRING_LENGTH + ", number length " + MAX_NUMBER_LENGTH + ", "
                    + (mapper == MAPPER ? MAX_TOKENS + " JSON tokens in a receipt" : MAX_SUMMARY_TOKENS
                    + " JSON tokens in a run summary") + "): " + e.getOriginalMessage()
                    + "; this is not a file Honest Compute wrote", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ReceiptReadException(source, "malformed JSON" + where + ": " + e.getOriginalMessage()
                    + "; fix the file or regenerate it by re-running the tests", e);
        } catch (IOException e) {
            throw new ReceiptReadException(source, "cannot parse: " + e, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ReceiptReadException(source, "empty file; expected a JSON object", null);
        }
        if (!node.isObject()) {
            throw new ReceiptReadException(source, "expected a JSON object at the top level, found "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        return (ObjectNode) node;
    }

    /** Pretty JSON bytes (UTF-8, trailing newline): the exact bytes written to disk and hashed. */
    public static byte[] bytes(JsonNode node) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(node);
            byte[] out = new byte[body.length + 1];
            System.arraycopy(body, 0, out, 0, body.length);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON tree: " + e.getMessage(), e);
        }
    }

    /** Writes a tree atomically; see {@link #writeAtomically(Path, byte[])}. */
    public static void write(Path target, JsonNode node) throws IOException {
        writeAtomically(target, bytes(node));
    }

    /**
     * The permissions of every file written here where the file system has POSIX permissions: readable by all
     * ({@code rw-r--r--}). Receipts, run summaries and reports are meant to be read by CI jobs, artifact uploads and
     * other users; the temporary file would otherwise keep {@code createTempFile}'s {@code rw-------}.
     */
    public static final Set<PosixFilePermission> FILE_PERMISSIONS =
            Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));

    /**
     * Writes bytes to a temporary file in the target's directory and moves it into place atomically, so a reader
     * never sees a half-written file and a crash leaves the old file (or none). The file gets
     * {@link #FILE_PERMISSIONS} (0644) where the file system supports POSIX permissions.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, FILE_PERMISSIONS);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** UTF-8 text of a tree, for messages and tests. */
    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }
}
