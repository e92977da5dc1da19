package dev.honestcompute.receipts.perf;

import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Measures work the test hands over as a body: warmup iterations (run, discarded), then measured iterations timed with
 * {@code System.nanoTime}, with heap/RSS peaks and GC counted over the measured part only and a kernel recording
 * window open around the measured part only. The API takes bodies, never numbers: a test cannot write a latency or a
 * throughput by hand.
 *
 * <pre>{@code
 * PerfRecorder perf = PerfRecorder.create(3, 10).unit("tokens");
 * Measurement m = perf.measure("generate-32", () -> engine.generate(prompt, 32).size());
 * Measurement s = perf.measureStream("stream-32", sink -> engine.generate(prompt, 32, t -> sink.unit()));
 * perf.measurements(); // both, in order, for the receipt
 * }</pre>
 *
 * <p>Not thread-safe: one recorder per test.
 */
public final class PerfRecorder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final int warmup;
    private final int iterations;
    private final String unit;
    private final String owner;
    private final boolean production;
    private final RssProbe rss;
    private final List<Measurement> measurements = new ArrayList<>();

    private PerfRecorder(int warmup, int iterations, String unit, String owner, boolean production, RssProbe rss) {
        if (warmup < 0) {
            throw new IllegalArgumentException("PerfRecorder: warmup must be >= 0, was " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("PerfRecorder: iterations must be >= 1, was " + iterations
                    + " (use at least 3 so regression checks can use a confidence interval)");
        }
        this.warmup = warmup;
        this.iterations = iterations;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.production = production;
        this.rss = rss;
    }

    /** A recorder running {@code warmup} discarded and {@code iterations} measured iterations per measurement. */
    public static PerfRecorder create(int warmup, int iterations) {
        return new PerfRecorder(warmup, iterations, "items", "perf", false, RssProbe.linux());
    }

    /** What one unit is, e.g. "tokens" (default "items"). */
    public PerfRecorder unit(String unitName) {
        if (unitName == null || unitName.isBlank()) {
            throw new IllegalArgumentException("PerfRecorder.unit: must be a non-blank name such as \"tokens\"");
        }
        return new PerfRecorder(warmup, iterations, unitName, owner, production, rss);
    }

    /**
     * Names the kernel recording window (e.g. the test's unique id) and whether mock compute reached in it is a leak.
     */
    public PerfRecorder kernelWindow(String windowOwner, boolean productionWindow) {
        return new PerfRecorder(warmup, iterations, unit, Objects.requireNonNull(windowOwner, "windowOwner"),
                productionWindow, rss);
    }

    PerfRecorder rssProbe(RssProbe probe) {
        return new PerfRecorder(warmup, iterations, unit, owner, production, probe);
    }

    /** Runs {@code body} warmup + iterations times; each call returns the units it really produced. */
    public Measurement measure(String name, MeasuredBody body) {
        Objects.requireNonNull(body, "body");
        return run(name, sink -> {
            long units = body.run();
            sink.add(units);
        }, false);
    }

    /** Like {@link #measure} for streaming work: the body calls {@code sink.unit()} per unit produced. */
    public Measurement measureStream(String name, StreamingBody body) {
        Objects.requireNonNull(body, "body");
        return run(name, counter -> body.run(counter::unit), true);
    }

    /** Every measurement taken so far, in order. */
    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    public int warmup() {
        return warmup;
    }

    public int iterations() {
        return iterations;
    }

    private interface Iteration {
        void run(Counter counter) throws Exception;
    }

    private static final class Counter {
        final long start;
        long units;
        long firstUnitAt;

        Counter(long start) {
            this.start = start;
        }

        void unit() {
            if (units == 0) {
                firstUnitAt = System.nanoTime();
            }
            units++;
        }

        void add(long n) {
            units += n;
        }
    }

    private Measurement run(String name, Iteration iteration, boolean streamed) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("PerfRecorder: measurement name '" + name
                    + "' must match " + NAME.pattern() + " (it becomes part of a baseline file name)");
        }
        for (Measurement m : measurements) {
            if (m.name().equals(name)) {
                throw new IllegalArgumentException("PerfRecorder: measurement '" + name
                        + "' was already taken in this test; give each measurement a distinct name");
            }
        }
        // Every iteration runs in a window of its own (opened and closed outside the timed part), nested in the
        // test's: the receipt counts all of them, and each iteration's kernel calls show whether it computed.
        long[] warmupCalls = new long[warmup];
        long[] warmupUnits = new long[warmup];
        for (int i = 0; i < warmup; i++) {
            try (KernelWindow w = KernelRecorder.openWindow(owner + "#perf:" + name + "#warmup-" + i, production)) {
                Counter c = new Counter(System.nanoTime());
                invoke(name, "warmup iteration " + i, iteration, c);
                w.close();
                warmupCalls[i] = w.observations().totalCalls();
                warmupUnits[i] = c.units;
            }
        }
        long[] nanos = new long[iterations];
        long[] units = new long[iterations];
        long[] calls = new long[iterations];
        long[] first = streamed ? new long[iterations] : null;
        ResourceMeter meter = new ResourceMeter(rss);
        KernelObservations seen;
        ResourceUsage usage;
        try (KernelWindow window = KernelRecorder.openWindow(owner + "#perf:" + name, production)) {
            meter.start();
            for (int i = 0; i < iterations; i++) {
                try (KernelWindow w = KernelRecorder.openWindow(owner + "#perf:" + name + "#" + i, production)) {
                    Counter c = new Counter(System.nanoTime());
                    invoke(name, "iteration " + i, iteration, c);
                    long end = System.nanoTime();
                    w.close();
                    calls[i] = w.observations().totalCalls();
                    meter.sample();
                    nanos[i] = end - c.start;
                    units[i] = c.units;
                    if (streamed) {
                        first[i] = c.units == 0 ? 0 : c.firstUnitAt - c.start;
                    }
                }
            }
            usage = meter.stop();
            window.close();
            seen = window.observations();
        }
        Measurement m = new Measurement(name, unit, warmup, nanos, units, first, usage, seen,
                Hosts.current(), new Measurement.KernelCalls(warmupCalls, warmupUnits, calls));
        measurements.add(m);
        return m;
    }

    private static void invoke(String name, String which, Iteration iteration, Counter c) {
        try {
            iteration.run(c);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new PerfMeasurementException("measurement '" + name + "', " + which + ": the body threw " + e, e);
        }
    }
}
