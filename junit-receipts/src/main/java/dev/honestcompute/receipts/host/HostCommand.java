package dev.honestcompute.receipts.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a small external command ({@code git}, {@code nvidia-smi}) with a timeout. Output goes to a temporary file, so a
 * chatty command can never block on a full pipe; a command that outlives the timeout is killed.
 */
final class HostCommand {

    /** What a command did: exit code and standard output, or why it did not run to completion. */
    record Outcome(int exitCode, String stdout, String failure) {
        boolean ok() {
            return failure == null && exitCode == 0;
        }

        /** A one-line reason for a failed outcome. */
        String reason() {
            if (failure != null) {
                return failure;
            }
            String firstLine = stdout.strip().lines().findFirst().orElse("");
            return "exit code " + exitCode + (firstLine.isEmpty() ? "" : ": " + firstLine);
        }
    }

    private HostCommand() {
    }

    /** The executable's path when {@code name} is on {@code PATH}. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (RuntimeException e) {
                // an invalid PATH entry: ignore it
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} in {@code dir}; never throws, never waits longer than {@code timeout}. */
    static Outcome run(List<String> command, Path dir, Duration timeout) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("honest-compute-host-", ".out");
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                return new Outcome(-1, "", String.join(" ", command) + " timed out after " + timeout.toMillis()
                        + " ms");
            }
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Outcome(-1, "", String.join(" ", command) + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            return new Outcome(-1, "", String.join(" ", command) + " interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    out.toFile().deleteOnExit();
                }
            }
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
