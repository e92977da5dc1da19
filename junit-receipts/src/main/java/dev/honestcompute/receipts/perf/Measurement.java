package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of one {@link PerfRecorder} measurement: per-iteration latencies, units produced, resources and kernels of
 * the measured part. Only {@link PerfRecorder} creates instances; every number in it was measured, is finite and
 * positive (checked at construction).
 *
 * <pre>{@code
 * Measurement m = perf.measure("generate", () -> engine.generate(prompt, 32).size());
 * double tps = m.unitsPerSecond();
 * receipt.performanceBaseline(m.toPerformanceBaseline());
 * }</pre>
 */
public final class Measurement {

    private static final double NANOS_PER_MS = 1e6;

    private final String name;
    private final String unit;
    private final int warmupIterations;
    private final long[] iterationNanos;
    private final long[] unitsPerIteration;
    private final long[] firstUnitNanos;
    private final ResourceUsage resources;
    private final KernelObservations kernels;
    private final ObjectNode host;
    private final KernelCalls calls;

    /**
     * Kernel calls of each iteration, observed in a window per iteration: warmup iterations (with the units they
     * produced) and measured ones.
     */
    record KernelCalls(long[] warmup, long[] warmupUnits, long[] measured) {
    }

    Measurement(String name, String unit, int warmupIterations, long[] iterationNanos, long[] unitsPerIteration,
                long[] firstUnitNanos, ResourceUsage resources, KernelObservations kernels, ObjectNode host,
                KernelCalls calls) {
        this.name = name;
        this.unit = unit;
        this.warmupIterations = warmupIterations;
        this.iterationNanos = iterationNanos.clone();
        this.unitsPerIteration = unitsPerIteration.clone();
        this.firstUnitNanos = firstUnitNanos == null ? null : firstUnitNanos.clone();
        this.resources = resources;
        this.kernels = kernels;
        this.host = host;
        this.calls = calls;
        validate();
    }

    private void validate() {
        if (iterationNanos.length == 0 || iterationNanos.length != unitsPerIteration.length) {
            throw new PerfMeasurementException("measurement '" + name + "': no measured iterations");
        }
        for (int i = 0; i < iterationNanos.length; i++) {
            if (iterationNanos[i] <= 0) {
                throw new PerfMeasurementException("measurement '" + name + "', iteration " + i + ": measured "
                        + iterationNanos[i] + " ns with System.nanoTime — too fast to measure, batch it: make one "
                        + "iteration do more work (loop inside the body and return the total units)");
            }
            if (unitsPerIteration[i] <= 0) {
                throw new PerfMeasurementException("measurement '" + name + "', iteration " + i + ": the body reported "
                        + unitsPerIteration[i] + " " + unit + "; every iteration must produce at least one unit "
                        + "(return the count from the work's result, e.g. tokens.size())");
            }
            if (firstUnitNanos != null && firstUnitNanos[i] <= 0) {
                throw new PerfMeasurementException("measurement '" + name + "', iteration " + i + ": first unit "
                        + "arrived " + firstUnitNanos[i] + " ns after the iteration started — too fast to measure");
            }
        }
        double[] derived = {totalTimeMs(), unitsPerSecond(), averageUnitLatencyMs()};
        for (double d : derived) {
            if (!Double.isFinite(d) || d <= 0) {
                throw new PerfMeasurementException("measurement '" + name + "': derived value " + d
                        + " is not finite and positive; the measurement is rejected");
            }
        }
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public int measuredIterations() {
        return iterationNanos.length;
    }

    /** Per-iteration latencies in nanoseconds (a copy). */
    public long[] iterationNanos() {
        return iterationNanos.clone();
    }

    /** Units produced by each measured iteration (a copy). */
    public long[] unitsPerIteration() {
        return unitsPerIteration.clone();
    }

    public long totalUnits() {
        return Arrays.stream(unitsPerIteration).sum();
    }

    public double totalTimeMs() {
        return Arrays.stream(iterationNanos).sum() / NANOS_PER_MS;
    }

    public double unitsPerSecond() {
        return totalUnits() / (totalTimeMs() / 1000.0);
    }

    public double averageUnitLatencyMs() {
        return totalTimeMs() / totalUnits();
    }

    /** Per-iteration milliseconds per unit: the samples baselines and regression checks compare. */
    public double[] msPerUnitSamples() {
        double[] out = new double[iterationNanos.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = iterationNanos[i] / NANOS_PER_MS / unitsPerIteration[i];
        }
        return out;
    }

    public LatencySummary latency() {
        return LatencySummary.ofNanos(iterationNanos);
    }

    public ResourceUsage resources() {
        return resources;
    }

    /** What the kernel recorder saw during the measured part only. */
    public KernelObservations kernels() {
        return kernels;
    }

    /** The host fingerprint (a copy) of the machine the measurement ran on. */
    public ObjectNode host() {
        return host.deepCopy();
    }

    /** The BitNet.rs-compatible {@code performance_baseline} section. */
    public PerformanceBaseline toPerformanceBaseline() {
        Double firstToken = null;
        if (firstUnitNanos != null) {
            double[] ms = Arrays.stream(firstUnitNanos).mapToDouble(n -> n / NANOS_PER_MS).toArray();
            firstToken = Percentiles.median(ms);
        }
        return new PerformanceBaseline(totalUnits(), totalTimeMs(), unitsPerSecond(), firstToken,
                averageUnitLatencyMs(), memoryUsageBytes() / (1024.0 * 1024.0));
    }

    /** Our fuller {@code performance} section entry. */
    public PerformanceSection toPerformanceSection() {
        List<Double> samples = new ArrayList<>();
        for (long n : iterationNanos) {
            samples.add(n / NANOS_PER_MS);
        }
        List<Long> units = new ArrayList<>();
        for (long u : unitsPerIteration) {
            units.add(u);
        }
        List<Double> first = null;
        if (firstUnitNanos != null) {
            first = new ArrayList<>();
            for (long n : firstUnitNanos) {
                first.add(n / NANOS_PER_MS);
            }
        }
        List<ObservedKernel> seen = new ArrayList<>();
        for (KernelStats k : kernels.kernels()) {
            seen.add(new ObservedKernel(k.id(), k.backend(), k.calls()));
        }
        List<Long> callsPerIteration = new ArrayList<>();
        long totalCalls = 0;
        for (long c : calls.measured()) {
            callsPerIteration.add(c);
            totalCalls += c;
        }
        // warmup iterations first, then measured ones: HC033 compares each with the first
        List<Double> perUnit = new ArrayList<>();
        for (int i = 0; i < calls.warmup().length; i++) {
            perUnit.add(perUnit(calls.warmup()[i], calls.warmupUnits()[i]));
        }
        for (int i = 0; i < calls.measured().length; i++) {
            perUnit.add(perUnit(calls.measured()[i], unitsPerIteration[i]));
        }
        return new PerformanceSection(name, unit, "System.nanoTime", warmupIterations, iterationNanos.length,
                totalUnits(), totalTimeMs(), unitsPerSecond(), latency(), List.copyOf(samples), List.copyOf(units),
                first == null ? null : List.copyOf(first), rssMeasured() ? "rss" : "heap", resources,
                kernels.recorderActive(), List.copyOf(seen), kernels.backgroundCalls(), totalCalls,
                perUnit(totalCalls, totalUnits()), List.copyOf(callsPerIteration), List.copyOf(perUnit), host.deepCopy());
    }

    private static double perUnit(long kernelCalls, long units) {
        return units <= 0 ? 0 : (double) kernelCalls / units;
    }

    /** A repeated iteration may make no fewer than this share of the first iteration's kernel calls per unit. */
    public static final double CACHE_RATIO = 0.5;

    /**
     * Why the measured work cannot have been the engine computing, or {@code null}: no kernel call in the measured
     * part (a sleep, a stub, a cache), or an iteration with under half of the first iteration's kernel calls per unit
     * (a repeated input served from a cache, MLPerf TEST04's idea). {@code null} when the recorder was inactive.
     */
    public String kernelEvidenceProblem() {
        if (!kernels.recorderActive()) {
            return null;
        }
        PerformanceSection s = toPerformanceSection();
        if (s.kernelCalls() <= 0) {
            return "measurement '" + name + "' produced " + s.totalUnits() + " " + unit + " from 0 kernel calls: the "
                    + "measured part did not run the engine (rule HC032)";
        }
        List<Double> perUnit = s.kernelCallsPerUnitPerIteration();
        for (int i = 1; i < perUnit.size(); i++) {
            if (perUnit.get(i) < CACHE_RATIO * perUnit.get(0)) {
                return "measurement '" + name + "': iteration " + i + " (warmup first) made " + perUnit.get(i)
                        + " kernel calls per " + unit + ", the first " + perUnit.get(0) + ": a repeated input became"
                        + " much cheaper, so it was served from a cache (rule HC033); kernel calls per unit by "
                        + "iteration: " + perUnit;
            }
        }
        return null;
    }

    /** Kernel calls of the measured iterations, in order. */
    public long[] kernelCallsPerIteration() {
        return calls.measured().clone();
    }

    private boolean rssMeasured() {
        return resources.rssScope() == RssScope.MEASURED_PART && resources.peakRssBytes() != null;
    }

    private long memoryUsageBytes() {
        return rssMeasured() ? resources.peakRssBytes() : resources.peakHeapBytes();
    }
}
