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
 * Install + transform time as the agent measured it in a fresh JVM (config read, retransformation of loaded classes,
 * canary): one shot per fork. The benchmark's own score is the cost of reading that figure; the number to report is
 * the secondary "installMillis" printed per fork.
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
                + dev.honestcompute.recorder.internal.AgentInstaller.installCpuNanos() / 1e6
                + " by " + RecorderAgent.installedBy());
        return ms;
    }
}
