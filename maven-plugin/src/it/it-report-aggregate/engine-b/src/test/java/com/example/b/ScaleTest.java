package com.example.b;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ScaleTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    void scales() throws Exception {
        Files.writeString(Path.of("target", "build-id.txt"), System.getProperty("honestcompute.build.id"));
        assertArrayEquals(new float[] {2, 4}, Scale.scale(new float[] {1, 2}, 2));
    }
}
