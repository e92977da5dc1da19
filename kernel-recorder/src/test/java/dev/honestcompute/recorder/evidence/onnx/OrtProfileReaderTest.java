package dev.honestcompute.recorder.evidence.onnx;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profile reader keeps node executions and runs, and rejects what is not an ONNX Runtime profile. */
class OrtProfileReaderTest {

    private static final String RUN = "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"dur\" :90,\"ts\" :10,"
            + "\"ph\" : \"X\",\"name\" :\"model_run\",\"args\" : {}}";

    private static String node(String name, String op, String provider) {
        return "{\"cat\" : \"Node\",\"pid\" :1,\"tid\" :1,\"dur\" :5,\"ts\" :20,\"ph\" : \"X\",\"name\" :\"" + name
                + "\",\"args\" : {\"op_name\" : \"" + op + "\",\"provider\" : \"" + provider + "\",\"thread_"
                + "scheduling_stats\" : {\"main_thread\" : {\"block_size\" : []}}}}";
    }

    @Test
    void keepsKernelTimeNodesAndCountsRuns() throws IOException {
        OrtProfile p = OrtProfileReader.parse("[\n" + RUN + ",\n" + node("/fc/MatMul_kernel_time", "MatMul",
                "CUDAExecutionProvider") + ",\n" + node("/fc/MatMul_fence_before", "MatMul", "CUDAExecutionProvider")
                + ",\n" + RUN + ",\n" + node("/shape/Shape_kernel_time", "Shape", "CPUExecutionProvider") + "\n]\n",
                "p.json");

        assertThat(p.modelRuns()).isEqualTo(2);
        assertThat(p.nodes()).containsExactly(
                new OrtProfile.NodeExecution("/fc/MatMul", "MatMul", "CUDAExecutionProvider"),
                new OrtProfile.NodeExecution("/shape/Shape", "Shape", "CPUExecutionProvider"));
    }

    @Test
    void aNodeNameWithAQuoteBreaksOrtsUnescapedJsonAndIsRejectedWithThePosition() {
        assertThatThrownBy(() -> OrtProfileReader.parse("[" + node("/a\"b_kernel_time", "MatMul",
                "CPUExecutionProvider") + "]", "p.json"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("ONNX Runtime profile is not valid JSON: p.json (trace event 0 at offset 1):1:");
    }

    @Test
    void aNodeWithoutAProviderCannotSayWhereItRan() {
        assertThatThrownBy(() -> OrtProfileReader.parse("[{\"cat\":\"Node\",\"name\":\"/x_kernel_time\",\"args\":"
                + "{\"op_name\":\"Relu\"}}]", "p.json"))
                .hasMessage("p.json: node event 0 ('/x_kernel_time') has no args.op_name and args.provider strings; it"
                        + " cannot say which operator ran where");
    }

    @Test
    void aDocumentThatIsNotAnArrayOfEventsIsRejected() {
        assertThatThrownBy(() -> OrtProfileReader.parse("{\"cat\":\"Node\"}", "p.json"))
                .hasMessage("p.json: an ONNX Runtime profile is a JSON array of trace events, found an object");
        assertThatThrownBy(() -> OrtProfileReader.parse("[1]", "p.json"))
                .hasMessage("p.json: trace event 0 is a long, not an object");
    }

    @Test
    void nestingDeeperThanAnyProfileIsRejectedBeforeParsing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> OrtProfileReader.parse(deep, "p.json"))
                .hasMessage("p.json: JSON nested deeper than 16 levels at offset 16; ONNX Runtime's own profiles nest"
                        + " at most 6");
    }

    @Test
    void aTruncatedOrTrailingProfileIsRejected() {
        assertThatThrownBy(() -> OrtProfileReader.parse("[" + RUN + ",", "p.json"))
                .hasMessage("p.json: the array of trace events is not closed; the profile is truncated");
        assertThatThrownBy(() -> OrtProfileReader.parse("[" + RUN + "] x", "p.json"))
                .hasMessageStartingWith("p.json: content after the array of trace events at offset");
        assertThatThrownBy(() -> OrtProfileReader.parse("", "p.json"))
                .hasMessage("p.json: an ONNX Runtime profile is a JSON array of trace events, found nothing");
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() throws IOException {
        String name = "[".repeat(40) + "_kernel_time";
        OrtProfile p = OrtProfileReader.parse("[" + node(name, "Add", "CPUExecutionProvider") + "]", "p.json");
        assertThat(p.nodes()).singleElement().satisfies(n -> assertThat(n.node()).isEqualTo("[".repeat(40)));
    }
}
