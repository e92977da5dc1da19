package dev.honestcompute.recorder.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/**
 * {@link KernelCallBenchmark} with kernel timing on ({@code System.nanoTime()} at entry and exit).
 * {@link #twoNanoTimes()} is the floor timing cannot go below on this host.
 */
@Fork(jvmArgsPrepend = "-Dhonestcompute.recorder.timing=true")
public class TimedKernelCallBenchmark extends KernelCallBenchmark {

    @Benchmark
    public long twoNanoTimes() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }
}
