package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.KernelRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulation hooks cannot make the JVM look like the real agent ran. */
class RecordingSimulationTest {

    @Test
    void simulatedActivationIsFlaggedAndNeverCountsAsTheRealAgent() {
        assertThat(Recording.isAgentActive()).isFalse();
        Recording.markActive(true);
        try {
            assertThat(KernelRecorder.isActive()).isTrue();
            assertThat(Recording.isSimulated()).isTrue();
            assertThat(Recording.isAgentActive()).isFalse();
        } finally {
            Recording.markActive(false);
        }
    }

    @Test
    void callingTheCanaryPathFromOutsideTheCanaryDoesNotActivate() {
        Recording.exit(Recording.CANARY, false, -1);
        assertThat(Recording.isAgentActive()).isFalse();
    }

    @Test
    void theCanaryIdIsReservedAndBlankIdsAreRejected() {
        assertThatThrownBy(() -> Recording.register(Recording.CANARY_ID, "cpu"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> Recording.register(" ", "cpu"))
                .hasMessageContaining("non-blank");
        assertThatThrownBy(() -> Recording.called(10_000, false, -1))
                .hasMessageContaining("unknown kernel index 10000");
    }
}
