package dev.honestcompute.receipts.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads the process's peak resident set size from Linux {@code /proc/self/status} (VmHWM) and resets it through
 * {@code /proc/self/clear_refs} ("5" resets the peak RSS to the current RSS, see proc(5)).
 */
final class RssProbe {

    private final Path status;
    private final Path clearRefs;

    RssProbe(Path status, Path clearRefs) {
        this.status = status;
        this.clearRefs = clearRefs;
    }

    static RssProbe linux() {
        return new RssProbe(Path.of("/proc/self/status"), Path.of("/proc/self/clear_refs"));
    }

    /**
     * Tries to reset the high-water mark and says which scope the next {@link #peakBytes()} will cover. The reset
     * counts as effective only if the file was writable and the peak afterwards is no longer above the old one while
     * the current RSS is lower (a silently ignored write is reported as {@link RssScope#SINCE_JVM_START}).
     */
    RssScope reset() {
        OptionalLong before = field("VmHWM:");
        if (before.isEmpty()) {
            return RssScope.UNAVAILABLE;
        }
        try {
            Files.writeString(clearRefs, "5", StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return RssScope.SINCE_JVM_START;
        }
        OptionalLong after = field("VmHWM:");
        OptionalLong rss = field("VmRSS:");
        if (after.isEmpty() || rss.isEmpty()) {
            return RssScope.SINCE_JVM_START;
        }
        boolean effective = after.getAsLong() < before.getAsLong() || before.getAsLong() <= rss.getAsLong();
        return effective ? RssScope.MEASURED_PART : RssScope.SINCE_JVM_START;
    }

    /** Peak RSS in bytes, or empty when not available. */
    OptionalLong peakBytes() {
        return field("VmHWM:");
    }

    private OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    long kb = Long.parseLong(parts[0]);
                    return OptionalLong.of(kb * 1024L);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
