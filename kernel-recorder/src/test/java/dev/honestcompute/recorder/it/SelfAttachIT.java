package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a JVM without {@code -javaagent} and with {@code -Dhonestcompute.recorder.timing=true} (Failsafe execution
 * {@code agent-self-attach}): the fallback route attaches the agent at runtime, and timing adds nanoseconds.
 */
class SelfAttachIT {

    @Test
    void withoutJavaagentTheRecorderIsInactiveUntilItSelfAttaches() {
        assertThat(RecorderAgent.isInstalled()).isFalse();
        assertThat(KernelRecorder.isActive()).isFalse();
        try (KernelWindow before = KernelRecorder.openWindow("before-attach", true)) {
            assertThat(before.observations().recorderActive()).isFalse();
        }

        assertThat(RecorderAgent.installIfNeeded()).isTrue();

        assertThat(RecorderAgent.installedBy()).isEqualTo("self-attach");
        assertThat(KernelRecorder.isActive()).isTrue();
        ToyKernels toy = new ToyKernels(); // loaded after install: transformed at load
        try (KernelWindow window = KernelRecorder.openWindow("after-attach", true)) {
            float[] a = new float[4096];
            java.util.Arrays.fill(a, 1f);
            assertThat(toy.dot(a, a)).isEqualTo(4096f);
            KernelStats dot = window.observations().kernels().get(0);
            assertThat(dot.id()).isEqualTo("toy.dot");
            assertThat(dot.calls()).isEqualTo(1);
            assertThat(dot.nanos()).as("timing on: nanoseconds recorded").isPositive();
            assertThat(dot.timedCalls()).as("timing=true times every call").isEqualTo(1);
            assertThat(dot.sampled()).isFalse();
            assertThat(window.observations().recorderActive()).isTrue();
        }
    }
}
