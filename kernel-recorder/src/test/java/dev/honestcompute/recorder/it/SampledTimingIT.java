package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with {@code -javaagent:} and {@code -Dhonestcompute.recorder.timing=sampled:4} (Failsafe execution
 * {@code agent-sampled-timing}): one call in four on each thread is timed, every call is counted.
 */
class SampledTimingIT {

    private final float[] a = {1, 2, 3};

    @Test
    void everyCallIsCountedAndOneInFourPerThreadIsTimed() throws InterruptedException {
        ToyKernels toy = new ToyKernels();
        KernelStats dot;
        try (KernelWindow window = KernelRecorder.openWindow("sampled", true)) {
            for (int i = 0; i < 64; i++) {
                toy.dot(a, a);
            }
            Thread pool = new Thread(() -> {
                for (int i = 0; i < 8; i++) {
                    toy.dot(a, a);
                }
            });
            pool.start();
            pool.join(10_000);
            assertThat(pool.isAlive()).isFalse();
            dot = window.observations().kernels().get(0);
        }
        assertThat(dot.id()).isEqualTo("toy.dot");
        assertThat(dot.calls()).isEqualTo(72);
        assertThat(dot.timedCalls()).as("64 / 4 on the test thread + 8 / 4 on the other").isEqualTo(18);
        assertThat(dot.sampled()).isTrue();
        assertThat(dot.nanos()).as("measured time of the 18 timed calls").isPositive();
    }

    @Test
    void aTimingValueTheRecorderDoesNotKnowStopsTheJvmAtAgentStart() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String jar = Path.of(RecorderAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process p = new ProcessBuilder(List.of(java, "-javaagent:" + jar, "-Dhonestcompute.recorder.timing=sometimes",
                "-cp", jar + File.pathSeparator + System.getProperty("java.class.path"),
                "dev.honestcompute.recorder.it.SampledTimingIT")).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("-Dhonestcompute.recorder.timing=sometimes: expected false, true (time every kernel "
                + "call), sampled");
    }
}
