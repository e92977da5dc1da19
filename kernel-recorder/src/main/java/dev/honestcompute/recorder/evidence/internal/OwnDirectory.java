package dev.honestcompute.recorder.evidence.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory an evidence source creates for itself (a fresh temporary directory, owner-only on POSIX file systems)
 * and the only place it lets an engine write profiles or logs to. Files are deleted once read; whatever is left is
 * deleted when the JVM exits. Not API.
 */
public final class OwnDirectory {

    private final String prefix;
    private Path directory;

    /** @param prefix the temporary directory's name prefix, e.g. {@code "honestcompute-onnxruntime-"} */
    public OwnDirectory(String prefix) {
        this.prefix = prefix;
    }

    /** The directory, created on first use (and again if something deleted it). */
    public synchronized Path path() throws IOException {
        if (directory == null || !Files.isDirectory(directory)) {
            Path created = Files.createTempDirectory(prefix).toAbsolutePath().normalize();
            if (directory == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::deleteAll, prefix + "cleanup"));
            }
            directory = created;
        }
        return directory;
    }

    /** Whether {@code file} is a file directly inside this directory (after normalisation). */
    public synchronized boolean contains(Path file) {
        if (directory == null || file == null) {
            return false;
        }
        Path normal = file.toAbsolutePath().normalize();
        return directory.equals(normal.getParent());
    }

    /** Deletes the files of this directory whose names start with {@code namePrefix}; returns how many. */
    public synchronized int deleteStartingWith(String namePrefix) {
        if (directory == null) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, namePrefix + "*")) {
            for (Path f : files) {
                if (Files.deleteIfExists(f)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            // best effort: the shutdown hook tries again
        }
        return deleted;
    }

    private synchronized void deleteAll() {
        if (directory == null) {
            return;
        }
        deleteStartingWith("");
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a file an engine still holds open on a platform that forbids deleting it; nothing else to do at exit
        }
    }
}
