package dev.honestcompute.recorder.evidence.onnx;

import java.util.List;

/**
 * What one ONNX Runtime session profile says ran: every node execution (a {@code "cat":"Node"} event named
 * {@code <node>_kernel_time}) with its operator and execution provider, and how many times the session ran.
 *
 * @param nodes     node executions in the profile's order
 * @param modelRuns {@code "cat":"Session"} events named {@code model_run}: one per {@code OrtSession.run}
 */
record OrtProfile(List<NodeExecution> nodes, long modelRuns) {

    OrtProfile {
        nodes = List.copyOf(nodes);
    }

    /** One node execution. */
    record NodeExecution(String node, String op, String provider) {
    }
}
