package dev.honestcompute.recorder.bench;

import dev.honestcompute.recorder.RecorderAgent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Install + transform time as the agent measured it in a fresh JVM (config read, transformer registration, canary),
 * plus the time its transformer spent on every class the JMH fork loaded since: one shot per fork. The benchmark's own
 * score is the cost of reading those figures; the numbers to report are the "installMillis" line printed per fork.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class AgentInstallBenchmark {

    @Benchmark
    public double premainInstall() {
        double ms = RecorderAgent.installMillis();
        if (ms < 0) {
            throw new IllegalStateException("agent not installed by -javaagent in this fork");
        }
        System.out.println("installMillis=" + ms + " installCpuMillis="
                + RecorderAgent.installCpuMillis() + " by " + RecorderAgent.installedBy() + "; since then: "
                + RecorderAgent.transformCosts());
        return ms;
    }
}
