package dev.honestcompute.recorder.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link KernelCallBenchmark} with kernel timing on ({@code System.nanoTime()} twice per call). */
@Fork(jvmArgsPrepend = "-Dhonestcompute.recorder.timing=true")
public class TimedKernelCallBenchmark extends KernelCallBenchmark {
}
