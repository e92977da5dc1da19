package com.example;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScalarTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    void sumsOnTheCpu() {
        assertEquals(6f, Scalar.sum(new float[] {1, 2, 3}));
    }
}
