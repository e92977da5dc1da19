package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.internal.Recording;

import java.util.List;

/**
 * Test-only stand-in for the recorder agent: it does exactly what the agent's advice does for an instrumented
 * {@code @Kernel} method (register the kernel once, report each finished call) and what the agent's canary does
 * (mark the recorder active). Only these tests call the recorder runtime directly; the extension under test still
 * sees kernels only through a recording window.
 */
final class SimulatedKernels {

    private SimulatedKernels() {
    }

    /** What the agent does once it is installed and its canary was seen. */
    static void agentInstalled() {
        Recording.markActive(true);
    }

    /** What the agent does when it is missing. */
    static void agentMissing() {
        Recording.markActive(false);
    }

    /**
     * One call of an instrumented kernel that returned normally; {@code requires} are the CPU features its
     * {@code @Kernel(requires = ...)} declares, registered exactly as the agent registers an annotated method.
     */
    static void run(String id, String backend, String... requires) {
        Recording.called(Recording.register(id, backend, List.of(requires)), false, -1);
    }

    /** One call of an instrumented kernel that threw. */
    static void fail(String id, String backend) {
        Recording.called(Recording.register(id, backend), true, -1);
    }

    /** One call of an instrumented scalar CPU kernel. */
    static void matmul() {
        run("matmul_f32", Backend.CPU);
    }
}
