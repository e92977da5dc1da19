package com.example.engine;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Run by Failsafe, in its own JVM: it gets the agent and the same build id through the argLine property. */
class DotIT {

    @Test
    @EmitsReceipt(backend = "cpu")
    void dotRunsUnderFailsafe() {
        Evidence.write("DotIT");
        assertEquals(2f, TinyEngine.dot(new float[] {1, 1}, new float[] {1, 1}));
    }
}
