package dev.honestcompute.recorder.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an engine's profile or log file as UTF-8 text, never more than a limit. Not API. */
public final class BoundedText {

    private BoundedText() {
    }

    /**
     * The file's text.
     *
     * @throws IOException naming the file, its size and the limit when it is larger than {@code maxBytes}, or when it
     *                     cannot be read
     */
    public static String read(Path file, long maxBytes, String limitHint) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + " is " + size + " bytes, over the " + maxBytes + "-byte limit; "
                    + limitHint);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException(file + " grew past the " + maxBytes + "-byte limit while it was read; "
                        + limitHint);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
