package dev.honestcompute.receipts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that are not regular files, made the way a user's shell makes them. */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** A named pipe at {@code at} ({@code mkfifo}): opening it for reading blocks until a writer comes. */
    public static Path fifo(Path at) throws Exception {
        Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
        assertThat(p.exitValue()).as("mkfifo " + at + ": " + new String(p.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).isZero();
        return at;
    }
}
