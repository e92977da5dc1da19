package dev.honestcompute.recorder.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link KernelCallThreadsBenchmark} on two threads at once (2 cores here): the cost per call must stay flat. */
@Threads(2)
public class KernelCallThreads2Benchmark extends KernelCallThreadsBenchmark {
}
