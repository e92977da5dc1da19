package dev.honestcompute.maven;

import org.apache.maven.plugin.logging.Log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A {@link PrintStream} whose lines go to the Maven log, for the cores' command-line entry points that print to
 * streams (the verifier, the report, the fetcher's progress). Carriage-return progress lines are logged once done.
 */
final class MavenLogStream extends OutputStream {

    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private MavenLogStream(Consumer<String> sink) {
        this.sink = sink;
    }

    static PrintStream info(Log log) {
        return new PrintStream(new MavenLogStream(log::info), true, StandardCharsets.UTF_8);
    }

    static PrintStream warn(Log log) {
        return new PrintStream(new MavenLogStream(log::warn), true, StandardCharsets.UTF_8);
    }

    static PrintStream error(Log log) {
        return new PrintStream(new MavenLogStream(log::error), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (b == '\r') {
            line.reset(); // a progress bar redrawing itself: keep only the last state
        } else if (line.size() < 64 * 1024) {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // lines are emitted when complete; a partial line waits for its newline or close()
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        sink.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
