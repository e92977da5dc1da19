package com.example.engine;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class MatMulTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    void matmulRunsOnTheCpu() {
        Evidence.write("MatMulTest");
        assertArrayEquals(new float[] {3, 7}, TinyEngine.matmul(new float[] {1, 2, 3, 4}, new float[] {1, 1}, 2));
    }
}
