package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.receipts.perf.MeasurePerformance;
import dev.honestcompute.receipts.perf.Measurement;
import dev.honestcompute.receipts.perf.PerfRecorder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A perf receipt: scalar and SIMD generation measured in the same test, so the receipt's {@code performance} section
 * shows both throughputs side by side (and the report charts them). Speed is evidence here, never an assertion: the
 * SIMD speed-up target is checked by the JMH benchmark ({@code -Pbenchmarks}), not by a timed unit test.
 */
class SimdSpeedupReceiptTest {

    @Test
    @RequiresModel("tiny-llama-hf")
    @EmitsReceipt(backend = "cpu-simd")
    @MeasurePerformance(warmup = 60, iterations = 20, unit = "tokens")
    void scalarAndSimdThroughputInOneReceipt(Path model, PerfRecorder perf) throws Exception {
        LlamaModel weights = LlamaModel.loadHf(model);
        LlamaEngine scalar = new LlamaEngine(weights, ComputeBackend.scalar());
        LlamaEngine simd = new LlamaEngine(weights, ComputeBackend.simd());

        Measurement s = perf.measure("generate-scalar", () -> scalar.generate(TinyLlamaReceiptsTest.PROMPT, 16).length);
        Measurement v = perf.measure("generate-simd", () -> simd.generate(TinyLlamaReceiptsTest.PROMPT, 16).length);

        assertThat(s.name()).isEqualTo("generate-scalar");
        assertThat(v.name()).isEqualTo("generate-simd");
    }
}
