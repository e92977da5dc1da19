package com.example;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Claims real compute on the CPU, but no kernel runs: the receipt breaks HC005. */
class ClaimsWithoutComputeTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    void answersWithoutComputing() {
        assertEquals(42, 6 * 7);
    }
}
