package com.example.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test JVM saw, written for verify.groovy: its build id, its pid and the argLine flags it received. */
final class Evidence {

    private Evidence() {
    }

    static void write(String test) {
        String line = System.getProperty("honestcompute.build.id") + " " + ProcessHandle.current().pid() + " "
                + System.getProperty("consumer.flag") + " " + System.getProperty("other.plugin") + "\n";
        try {
            Path dir = Path.of("target", "evidence");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(test + ".txt"), line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
