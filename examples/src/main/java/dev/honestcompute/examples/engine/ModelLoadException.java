package dev.honestcompute.examples.engine;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be used: the message names the file, the tensor or field, and what was expected. */
public final class ModelLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    ModelLoadException(Path file, String what) {
        super("model file " + file + ": " + what);
    }

    ModelLoadException(Path file, String what, Throwable cause) {
        super("model file " + file + ": " + what, cause);
    }
}
