package com.example.engine;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DotTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    void dotRunsOnTheCpu() {
        Evidence.write("DotTest");
        assertEquals(32f, TinyEngine.dot(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
    }

    @Test
    @EmitsReceipt(backend = "cpu")
    @RequiresModel("tiny-weights")
    void dotOfTheFetchedWeights(Path weights) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(weights)).order(ByteOrder.LITTLE_ENDIAN);
        float[] w = new float[8];
        b.asFloatBuffer().get(w);
        assertEquals(204f, TinyEngine.dot(w, w));
    }
}
