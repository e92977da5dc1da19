package dev.honestcompute.receipts.internal;

import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.ReceiptReadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads files the verifier, the report and the run summary are given, with a bound on every read: only regular files
 * are opened (a FIFO, a device, a socket or a directory is refused from its attributes, without opening it, because
 * reading one can block forever or never end), and a read stops after the cap plus one byte whatever the file system
 * reported as the size (a file can grow while it is read, and {@code /proc}-like files report 0).
 *
 * <pre>{@code
 * byte[] bytes = BoundedFiles.read(file, ReceiptJson.MAX_FILE_BYTES);   // ReceiptReadException naming the file
 * String sha = BoundedFiles.sha256(file, ReceiptJson.MAX_FILE_BYTES);
 * }</pre>
 */
public final class BoundedFiles {

    private static final int BUFFER = 64 * 1024;

    private BoundedFiles() {
    }

    /**
     * Checks, from its attributes only, that {@code file} is a regular file (symbolic links followed) of at most
     * {@code max} bytes as reported.
     *
     * @throws ReceiptReadException naming the file and what it is instead
     */
    public static void requireRegularFile(Path file, long max) throws ReceiptReadException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ReceiptReadException(file, "file does not exist; check the path (receipts are written under "
                    + "target/receipts/ by tests annotated @EmitsReceipt)", e);
        } catch (AccessDeniedException e) {
            throw new ReceiptReadException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new ReceiptReadException(file, "cannot read the file's attributes: " + e, e);
        }
        if (!attrs.isRegularFile()) {
            throw new ReceiptReadException(file, "not a regular file (" + kind(file, attrs) + "); receipts and run "
                    + "summaries are regular JSON files, and other files are never opened (reading a FIFO or a device "
                    + "can block or never end)", null);
        }
        if (attrs.size() > max) {
            throw tooLarge(file, attrs.size(), max);
        }
    }

    /** What a non-regular file is, in words: "a directory", "a named pipe (FIFO)", "a character device", ... */
    static String kind(Path file, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        if (attrs.isSymbolicLink()) {
            return "a symbolic link";
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000:
                        return "a named pipe (FIFO)";
                    case 0020000:
                        return "a character device";
                    case 0060000:
                        return "a block device";
                    case 0140000:
                        return "a socket";
                    default:
                        break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // no unix view: say what we know
        }
        return "a special file";
    }

    /**
     * Reads a regular file of at most {@code max} bytes; never reads more than {@code max + 1} bytes.
     *
     * @throws ReceiptReadException naming the file: not a regular file, too large (as reported or as read), unreadable
     */
    public static byte[] read(Path file, long max) throws ReceiptReadException {
        requireRegularFile(file, max);
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, max + 1);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(cap);
        } catch (AccessDeniedException e) {
            throw new ReceiptReadException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new ReceiptReadException(file, "cannot read: " + e, e);
        }
        if (bytes.length > max) {
            throw new ReceiptReadException(file, "file grew past the " + max + "-byte limit while it was read; "
                    + "receipts and run summaries are written once, atomically: something else is writing this file",
                    null);
        }
        return bytes;
    }

    /**
     * SHA-256 (lowercase hex) of a regular file of at most {@code max} bytes, streamed (constant memory).
     *
     * @throws ReceiptReadException as {@link #read(Path, long)}
     */
    public static String sha256(Path file, long max) throws ReceiptReadException {
        requireRegularFile(file, max);
        MessageDigest digest = Sha256.digest();
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    throw new ReceiptReadException(file, "file grew past the " + max + "-byte limit while it was "
                            + "hashed; something else is writing this file", null);
                }
                digest.update(buffer, 0, n);
            }
        } catch (AccessDeniedException e) {
            throw new ReceiptReadException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new ReceiptReadException(file, "cannot read: " + e, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static ReceiptReadException tooLarge(Path file, long size, long max) {
        return new ReceiptReadException(file, "file is " + size + " bytes, larger than the " + max + "-byte limit "
                + "for receipts and run summaries; this is not one (receipts are a few kilobytes)", null);
    }
}
