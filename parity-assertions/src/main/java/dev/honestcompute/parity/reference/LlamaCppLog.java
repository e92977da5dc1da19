package dev.honestcompute.parity.reference;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where llama.cpp's own log goes: by default to {@code target/llama-cpp-<pid>.log} (one file per JVM), with one
 * console line naming the file, instead of the ~1,900 lines llama.cpp prints for every model it loads. llama.cpp
 * writes its log to the process's stderr from native code, where Java cannot redirect it, so
 * {@link LlamaCppReference} switches llama.cpp's console log off and records in the file what it can: each load
 * (model, SHA-256, settings) and everything llama.cpp logs after loading. A load that fails is repeated with
 * llama.cpp's full log written to {@code target/llama-cpp-<pid>-load-failure.log}, which the error names.
 *
 * <p>System property {@value #PROPERTY}: a file path (instead of the default), or {@code console} for llama.cpp's
 * full log on the console as it prints it.
 */
final class LlamaCppLog {

    static final String PROPERTY = "honestcompute.parity.llamacpp.log";
    static final String CONSOLE = "console";
    /** The log file grows by the models and calls of one JVM; past this size further lines are dropped. */
    static final long MAX_BYTES = 16L << 20;

    private static LlamaCppLog instance;

    private final Path file;
    private BufferedWriter out;
    private long written;
    private boolean announced;

    private LlamaCppLog(Path file) {
        this.file = file;
    }

    /** This JVM's log, from {@value #PROPERTY}. */
    static synchronized LlamaCppLog get() {
        if (instance == null) {
            instance = of(System.getProperty(PROPERTY));
        }
        return instance;
    }

    static LlamaCppLog of(String setting) {
        if (setting != null && setting.trim().equalsIgnoreCase(CONSOLE)) {
            return new LlamaCppLog(null);
        }
        Path f = setting == null || setting.isBlank()
                ? Path.of("target", "llama-cpp-" + ProcessHandle.current().pid() + ".log")
                : Path.of(setting.trim());
        return new LlamaCppLog(f.toAbsolutePath().normalize());
    }

    /** True when llama.cpp logs to the console as it does by default. */
    boolean toConsole() {
        return file == null;
    }

    /** The log file, or null for {@code console}. */
    Path file() {
        return file;
    }

    /** The file a failed load's full llama.cpp log is written to. */
    Path failureFile() {
        String name = file.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(base + "-load-failure.log");
    }

    /** Says once per JVM, on {@code console}, where the log is. */
    synchronized void announce(PrintStream console) {
        if (announced || file == null) {
            return;
        }
        announced = true;
        console.println("[honest-compute] llama.cpp log of this JVM: " + file + " (-D" + PROPERTY + "=" + CONSOLE
                + " prints it here instead)");
    }

    /** Appends one line (llama.cpp's messages end with their own newline). Never throws: a log must not fail a test. */
    synchronized void append(String level, String message) {
        if (file == null || written > MAX_BYTES) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            String text = message.endsWith("\n") ? message : message + "\n";
            String line = Instant.now() + " " + level + " " + text;
            out.write(line);
            out.flush();
            written += line.length();
            if (written > MAX_BYTES) {
                out.write("[log truncated at " + MAX_BYTES + " bytes]\n");
                out.flush();
            }
        } catch (IOException e) {
            written = Long.MAX_VALUE; // unwritable: stop trying, the tests still run
        }
    }
}
