package dev.honestcompute.examples.onnx;

import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityCheck;
import dev.honestcompute.parity.ParityInput;
import dev.honestcompute.parity.ParityWith;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * {@code @ParityWith}: ONNX Runtime on the generated block against the project's own reference, a plain-Java forward
 * pass of the same file's weights ({@link JavaBlockReference}), under the fp32 profile. The receipt version of this
 * test, which also carries ONNX Runtime's node evidence, is {@code examples.evidence.OnnxBlockReceiptsTest}.
 */
class OnnxBlockParityTest {

    static final int[] PROMPT = {1, 17, 42, 5, 63, 8, 30};

    @Test
    @RequiresModel("tiny-onnx-block")
    @ParityWith(reference = JavaBlockReference.class, profile = "fp32")
    void onnxRuntimeMatchesThePlainJavaForwardPass(Path onnx, ParityCheck parity) throws Exception {
        try (OnnxBlockEngine engine = OnnxBlockEngine.open(onnx, OnnxBlockEngine.Provider.CPU)) {
            var record = parity.check(new ParityInput("tiny-block-prompt", PROMPT, 0),
                    in -> EngineOutput.logits(OnnxBlockParityTestCases.logits(engine, in.tokens())));
            assertThat(record.verdict().passed()).isTrue();
        }
    }

    @Test
    void anEngineThatIsOffByOneLogitFailsParity(@org.junit.jupiter.api.io.TempDir Path tmp) {
        var tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(ParityWith.FAILURES_PARAMETER, tmp.resolve("failures.jsonl").toString())
                .selectors(selectClass(OnnxBlockParityTestCases.OffByOneLogit.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains("parity FAILED on input 'tiny-block-prompt'")))));
    }
}
