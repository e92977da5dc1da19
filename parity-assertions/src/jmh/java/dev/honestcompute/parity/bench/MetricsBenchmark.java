package dev.honestcompute.parity.bench;

import dev.honestcompute.parity.metrics.Allclose;
import dev.honestcompute.parity.metrics.AllcloseResult;
import dev.honestcompute.parity.metrics.CosineSimilarity;
import dev.honestcompute.parity.metrics.KendallTau;
import dev.honestcompute.parity.metrics.Nmse;
import dev.honestcompute.parity.metrics.Values;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Speed of the parity metrics on 128k-element logits (a large vocabulary), against baselines measured in the
 * same run: a plain double-accumulating dot product (for cosine/NMSE/allclose) and {@code Arrays.sort} of one
 * vector (for Kendall τ-b, which is two O(n log n) sorts). Run through {@link MetricsBenchmarkMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBenchmark {

    static final int N = 128 * 1024;

    float[] actual;
    float[] reference;
    double[] sortScratch;

    @Setup
    public void setup() {
        Random random = new Random(42);
        actual = new float[N];
        reference = new float[N];
        for (int i = 0; i < N; i++) {
            reference[i] = (float) (random.nextGaussian() * 3);
            actual[i] = reference[i] + (float) (random.nextGaussian() * 1e-6); // close: allclose finds no mismatch
        }
        sortScratch = new double[N];
    }

    @Benchmark
    public double baselineDotProduct() {
        double dot = 0;
        for (int i = 0; i < N; i++) {
            dot += (double) actual[i] * reference[i];
        }
        return dot;
    }

    @Benchmark
    public double baselineSort() {
        for (int i = 0; i < N; i++) {
            sortScratch[i] = actual[i];
        }
        Arrays.sort(sortScratch);
        return sortScratch[0];
    }

    @Benchmark
    public double cosine() {
        return CosineSimilarity.of(actual, reference);
    }

    @Benchmark
    public double nmse() {
        return Nmse.of(actual, reference);
    }

    @Benchmark
    public AllcloseResult allclose() {
        return Allclose.compare(Values.of(actual), Values.of(reference), 1e-3, 1e-5, false, 5);
    }

    @Benchmark
    public double kendallTauB() {
        return KendallTau.tauB(actual, reference);
    }
}
