package dev.honestcompute.recorder.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link KernelCallBenchmark} with sampled kernel timing ({@code -Dhonestcompute.recorder.timing=sampled}: one call in
 * 16 per thread pays the two {@code System.nanoTime()} reads, the others a per-thread tick). The score is the mean
 * over all calls, sampled and not.
 */
@Fork(jvmArgsPrepend = "-Dhonestcompute.recorder.timing=sampled")
public class SampledKernelCallBenchmark extends KernelCallBenchmark {
}
