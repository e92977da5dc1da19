package com.example;

import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.perf.MeasurePerformance;
import dev.honestcompute.receipts.perf.PerfRecorder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowsTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    void rowSumsRunOnJunit6() {
        String version = Test.class.getPackage().getImplementationVersion();
        assertTrue(version != null && version.startsWith("6."), "JUnit Jupiter on the test class path: " + version);
        assertArrayEquals(new float[] {3, 7}, Rows.rowSums(new float[] {1, 2, 3, 4}, 2));
    }

    @Test
    @EmitsReceipt(backend = "cpu")
    @MeasurePerformance(warmup = 3, iterations = 8, unit = "rows")
    void rowSumsThroughput(PerfRecorder perf) {
        float[] m = new float[64 * 64];
        java.util.Arrays.fill(m, 0.5f);
        perf.measure("row-sums-64", () -> Rows.rowSums(m, 64).length);
    }
}
