package dev.honestcompute.recorder.evidence.onnx;

import dev.honestcompute.recorder.evidence.RecordingSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kernels and fallbacks from node executions. A CUDA run is not possible on these machines, so the CUDA cases use
 * the node executions a CUDA provider profile contains (CUDA nodes, shape nodes ONNX Runtime keeps on the CPU).
 */
class NodePlacementTest {

    private static NodePlacement cudaRunWithShapeNodesOnTheCpu() {
        NodePlacement p = new NodePlacement();
        p.add(new OrtProfile.NodeExecution("/fc/MatMul", "MatMul", "CUDAExecutionProvider"), "session #1");
        p.add(new OrtProfile.NodeExecution("/fc2/MatMul", "MatMul", "CUDAExecutionProvider"), "session #1");
        p.add(new OrtProfile.NodeExecution("/mask/Shape", "Shape", "CPUExecutionProvider"), "session #1");
        return p;
    }

    @Test
    void eachOperatorIsAKernelOnTheBackendOfItsProvider() {
        RecordingSink sink = new RecordingSink();
        cudaRunWithShapeNodesOnTheCpu().report(sink, "");

        assertThat(sink.kernels).containsExactly(
                new RecordingSink.Kernel("ort.Shape", "cpu", 1, 0, "CPUExecutionProvider; nodes /mask/Shape;"
                        + " session #1"),
                new RecordingSink.Kernel("ort.MatMul", "cuda", 2, 0, "CUDAExecutionProvider; nodes /fc/MatMul,"
                        + " /fc2/MatMul; session #1"));
        assertThat(sink.fallbacks).as("no backend requested, no fallback").isEmpty();
    }

    @Test
    void aCudaRequestWithSomeNodesOnTheCpuIsAPartialFallback() {
        RecordingSink sink = new RecordingSink();
        cudaRunWithShapeNodesOnTheCpu().report(sink, "cuda");

        assertThat(sink.fallbacks).containsExactly(new RecordingSink.Fallback("cuda", "cpu",
                NodePlacement.SOME_NODES_FELL_BACK, "1 of 3 ONNX Runtime nodes ran on CPUExecutionProvider instead"
                        + " of cuda: /mask/Shape"));
    }

    @Test
    void aGenericGpuRequestIsMetByCudaNodes() {
        RecordingSink sink = new RecordingSink();
        NodePlacement p = new NodePlacement();
        p.add(new OrtProfile.NodeExecution("/fc/MatMul", "MatMul", "CUDAExecutionProvider"), "session #2");
        p.add(new OrtProfile.NodeExecution("/fc/Relu", "Relu", "TensorrtExecutionProvider"), "session #2");
        p.report(sink, "GPU");
        assertThat(sink.fallbacks).isEmpty();
    }

    @Test
    void providersMapToReceiptBackends() {
        assertThat(ExecutionProviders.backend("CPUExecutionProvider")).isEqualTo("cpu");
        assertThat(ExecutionProviders.backend("CUDAExecutionProvider")).isEqualTo("cuda");
        assertThat(ExecutionProviders.backend("ROCMExecutionProvider")).isEqualTo("rocm");
        assertThat(ExecutionProviders.backend("FancyNpuExecutionProvider")).isEqualTo("fancynpu");
        assertThat(ExecutionProviders.backend("ExecutionProvider")).isEqualTo("executionprovider");
    }
}
