package dev.honestcompute.receipts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the read-merge-write of {@code run-summary.json} between sessions that end at the same time: in this
 * JVM (a lock per directory) and across JVMs, e.g. parallel Surefire forks (an OS file lock on
 * {@code .run-summary.lock}, a hidden non-JSON file that verifiers and the report ignore).
 */
final class RunSummaryLock implements AutoCloseable {

    static final String FILE_NAME = ".run-summary.lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private RunSummaryLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    static RunSummaryLock acquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        ReentrantLock jvmLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        jvmLock.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(key);
            channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new RunSummaryLock(jvmLock, channel, channel.lock());
        } catch (IOException e) {
            closeQuietly(channel);
            jvmLock.unlock();
            throw new UncheckedIOException("Honest Compute could not lock " + key.resolve(FILE_NAME)
                    + " to merge the run summary: " + e.getMessage() + "; check that the receipts directory is"
                    + " writable", e);
        } catch (RuntimeException | Error e) {
            closeQuietly(channel);
            jvmLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        } finally {
            closeQuietly(channel);
            jvmLock.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
