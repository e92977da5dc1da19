package dev.honestcompute.docs.samples;

import dev.honestcompute.receipts.determinism.CheckDeterminism;
import dev.honestcompute.receipts.determinism.DeterminismRecorder;
import dev.honestcompute.receipts.perf.MeasurePerformance;
import dev.honestcompute.receipts.perf.PerfRecorder;
import dev.honestcompute.recorder.Kernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples for docs/perf.md. */
class PerfSample {

    @Kernel(id = "docs.matmul_f32", backend = "cpu")
    static float[] matmul(float[] w, float[] x, int n) {
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            float s = 0;
            for (int c = 0; c < n; c++) {
                s += w[r * n + c] * x[c];
            }
            out[r] = s;
        }
        return out;
    }

    // tag::measure[]
    @Test
    @MeasurePerformance(warmup = 3, iterations = 10, unit = "rows")
    void matmulThroughput(PerfRecorder perf) {
        int n = 64;
        float[] w = new float[n * n];
        float[] x = new float[n];
        java.util.Arrays.fill(w, 0.5f);
        java.util.Arrays.fill(x, 2f);

        perf.measure("matmul-64", () -> matmul(w, x, n).length); // returns the units produced
    }
    // end::measure[]

    // tag::determinism[]
    @Test
    @CheckDeterminism(runs = 3)
    void orderedSumIsDeterministic(DeterminismRecorder outputs) {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i);
        }
        outputs.record("sum", new float[] {sum(values)}); // each run must run the kernel: a cached sum fails

        assertThat(values).hasSize(1000);
    }
    // end::determinism[]

    @Kernel(id = "docs.sum_f32", backend = "cpu")
    static float sum(float[] values) {
        float sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
