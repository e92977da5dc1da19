package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The files of a receipts directory, as the run summary sees them: every {@code *.json} below it (symbolic links not
 * followed) is a receipt, except the directory's own {@code run-summary.json}; the atomic writer's temporary files end
 * in {@code .tmp} and are not receipts. Entries named {@code *.json} that are not regular files (a symbolic link, a FIFO)
 * are listed apart, never opened. The walk is bounded in depth and in the number of files.
 *
 * <pre>{@code
 * RunDirectory.Listing listing = RunDirectory.list(Path.of("target/receipts"));
 * listing.receipts().forEach(f -> System.out.println(RunDirectory.relative(dir, f)));
 * }</pre>
 */
public final class RunDirectory {

    /** Most files a receipts directory may hold (one receipt per test). */
    public static final int MAX_FILES = 200_000;
    /** Deepest directory nesting walked. Receipts sit one level below the summary. */
    public static final int MAX_DEPTH = 32;

    /**
     * What a directory holds.
     *
     * @param receipts   regular {@code *.json} files, the summary excluded, sorted
     * @param special    {@code *.json} entries that are not regular files (links, FIFOs, devices), sorted
     * @param unreadable subdirectories that could not be listed, with the reason
     */
    public record Listing(List<Path> receipts, List<Path> special, List<String> unreadable) {
    }

    /**
     * Which build and test a receipt file names; fields are null when the receipt does not name them.
     *
     * @param buildId the receipt's {@code build_id}
     * @param testId  its {@code test.unique_id}
     * @param status  its {@code test.status}
     */
    public record Identity(String buildId, String testId, String status) {

        static Identity of(JsonNode receipt) {
            JsonNode test = receipt.path(ReceiptFields.TEST);
            return new Identity(text(receipt.path(ReceiptFields.BUILD_ID)), text(test.path(ReceiptFields.UNIQUE_ID)),
                    text(test.path(ReceiptFields.STATUS)));
        }

        /** Whether the file looks like a receipt at all (a schema version or a test identity). */
        boolean isReceipt(JsonNode receipt) {
            return testId != null || receipt.path(ReceiptFields.SCHEMA_VERSION).isTextual();
        }

        private static String text(JsonNode n) {
            return n.isTextual() ? n.textValue() : null;
        }
    }

    private RunDirectory() {
    }

    /**
     * Lists a receipts directory.
     *
     * @throws ReceiptReadException when {@code dir} cannot be listed, or holds more than {@value #MAX_FILES} files
     */
    public static Listing list(Path dir) throws ReceiptReadException {
        Path summary = dir.resolve(RunSummary.FILE_NAME).toAbsolutePath().normalize();
        List<Path> receipts = new ArrayList<>();
        List<Path> special = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int[] seen = {0};
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (++seen[0] > MAX_FILES) {
                        throw new IOException("more than " + MAX_FILES + " files and directories");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (++seen[0] > MAX_FILES) {
                        throw new IOException("more than " + MAX_FILES + " files and directories");
                    }
                    if (attrs.isDirectory()) {
                        // only a directory at the depth limit is visited as a file: say that it was not searched
                        unreadable.add(file + ": nested more than " + MAX_DEPTH + " directories below " + dir
                                + ", not searched; receipts sit one level below the run summary");
                        return FileVisitResult.CONTINUE;
                    }
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".json")) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attrs.isRegularFile()) {
                        special.add(file);
                    } else if (!file.toAbsolutePath().normalize().equals(summary)) {
                        receipts.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable.add(file + ": cannot be listed or read (" + e + "); check its permissions");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ReceiptReadException(dir, "cannot list the receipts directory: " + e.getMessage()
                    + "; a receipts directory holds one file per test (at most " + MAX_FILES + ")", e);
        }
        receipts.sort(null);
        special.sort(null);
        return new Listing(List.copyOf(receipts), List.copyOf(special), List.copyOf(unreadable));
    }

    /**
     * The build and test a file names, read with the receipts' limits; empty when it cannot be read or is not a
     * receipt.
     */
    public static Optional<Identity> identify(Path file) {
        try {
            ObjectNode tree = ReceiptJson.readObject(file);
            Identity id = Identity.of(tree);
            return id.isReceipt(tree) ? Optional.of(id) : Optional.empty();
        } catch (ReceiptReadException e) {
            return Optional.empty();
        }
    }

    /** {@code file} relative to {@code dir}, '/'-separated, as the summary lists it. */
    public static String relative(Path dir, Path file) {
        Path rel = dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }
}
