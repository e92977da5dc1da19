package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent's inserted code keeps every kernel's behaviour (results, exceptions, the method's own handlers) and counts
 * each call once, as executed or failed, whatever the shape of the bytecode. The classes load through the JVM's
 * verifier, so a wrong stack map frame fails here with a {@code VerifyError}.
 */
class BytecodeShapesIT {

    @Test
    void everyShapeComputesWhatItComputedBeforeAndIsCountedOnce() throws IOException {
        BytecodeShapes shapes = new BytecodeShapes(40);
        Map<String, KernelStats> seen;
        try (KernelWindow window = KernelRecorder.openWindow("shapes", true)) {
            assertThat(BytecodeShapes.loopAtStart(25)).isEqualTo(10);
            assertThat(BytecodeShapes.loopAtStart(4)).isEqualTo(4);
            assertThat(BytecodeShapes.parseOr("12", -1)).isEqualTo(12);
            assertThat(BytecodeShapes.parseOr("twelve", -1)).isEqualTo(-1);
            assertThat(BytecodeShapes.withFinally(false)).isEqualTo(1);
            int finallyBefore = BytecodeShapes.finallyRuns;
            assertThatThrownBy(() -> BytecodeShapes.withFinally(true)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("asked to fail");
            assertThat(BytecodeShapes.finallyRuns).isEqualTo(finallyBefore + 1);
            assertThat(BytecodeShapes.wideLocals(5L, 8.0, 3)).isEqualTo(5 + 0 + 1 + 2 + 1.0);
            assertThat(shapes.synchronizedAdd(2)).isEqualTo(42L);
            assertThat(BytecodeShapes.switches(1)).isEqualTo("one");
            assertThat(BytecodeShapes.switches(100_000)).isEqualTo("lakh");
            assertThat(BytecodeShapes.switches(7)).isEqualTo("other");
            assertThat(BytecodeShapes.uninitializedOnStack(true)).isEqualTo("yes!");
            assertThat(BytecodeShapes.uninitializedOnStack(false)).isEqualTo("no!");
            int[] out = new int[1];
            shapes.returnsVoid(out);
            shapes.returnsVoid(new int[0]);
            assertThat(out[0]).isEqualTo(40);
            assertThat(BytecodeShapes.returnsBoolean(3)).isTrue();
            assertThat(BytecodeShapes.returnsChar(2)).isEqualTo('c');
            assertThat(BytecodeShapes.returnsArray(3)).containsExactly(0f, 0.5f, 1f);
            assertThat(BytecodeShapes.fib(5)).isEqualTo(5L);
            assertThat(BytecodeShapes.sumOfSquares(4)).isEqualTo(0 + 1 + 4 + 9);
            BytecodeShapes.Activation leaky = new BytecodeShapes.Activation() { };
            assertThat(leaky.apply(-100f)).isEqualTo(-1f);
            assertThat(leaky.apply(3f)).isEqualTo(3f);
            assertThat(BytecodeShapes.Activation.twice(4f)).isEqualTo(8f);
            assertThatThrownBy(() -> BytecodeShapes.checkedThrow(true)).isInstanceOf(IOException.class);
            assertThat(BytecodeShapes.caughtInside()).isEqualTo(1);
            KernelObservations observed = window.observations();
            seen = observed.kernels().stream().collect(Collectors.toMap(KernelStats::id, k -> k));
        }
        assertThat(RecorderAgent.transformErrors()).as("only the reported unverified cpu-simd claims of ToyKernels")
                .allSatisfy(line -> assertThat(line).contains("HC029"));
        assertCalls(seen, "shape.loop_at_start", 2, 0);
        assertCalls(seen, "shape.own_handler", 2, 0);
        assertCalls(seen, "shape.finally", 1, 1);
        assertCalls(seen, "shape.wide_locals", 1, 0);
        assertCalls(seen, "shape.synchronized", 1, 0);
        assertCalls(seen, "shape.switch", 3, 0);
        assertCalls(seen, "shape.uninitialized", 2, 0);
        assertCalls(seen, "shape.void", 2, 0);
        assertCalls(seen, "shape.boolean", 1, 0);
        assertCalls(seen, "shape.char", 1, 0);
        assertCalls(seen, "shape.float_array", 1, 0);
        assertCalls(seen, "shape.recursive", 15, 0); // fib(5) makes 15 calls
        assertCalls(seen, "shape.lambda", 1, 0);
        // 1 failed call from the test, plus 3 calls made by caughtInside: 2 returned, 1 threw
        assertCalls(seen, "shape.checked", 2, 2);
        assertCalls(seen, "shape.caught_inside", 1, 0);
        assertCalls(seen, "shape.interface_default", 2, 0);
        assertCalls(seen, "shape.interface_static", 1, 0);
        assertThat(seen).hasSize(17);
    }

    @Test
    void aSynchronizedKernelThatReturnsReleasesItsMonitor() throws InterruptedException {
        BytecodeShapes shapes = new BytecodeShapes(1);
        shapes.synchronizedAdd(1);
        Thread other = new Thread(() -> shapes.synchronizedAdd(2));
        other.start();
        other.join(10_000);
        assertThat(other.isAlive()).as("the other thread got the monitor").isFalse();
    }

    private static void assertCalls(Map<String, KernelStats> seen, String id, long calls, long failed) {
        assertThat(seen).as("kernels observed").containsKey(id);
        assertThat(seen.get(id).calls()).as(id + " calls").isEqualTo(calls);
        assertThat(seen.get(id).failedCalls()).as(id + " failed calls").isEqualTo(failed);
    }
}
