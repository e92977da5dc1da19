package dev.honestcompute.receipts.determinism;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Collects the outputs of each run of a determinism check, by name. Every run must record the same names; the values
 * are digested (SHA-256 over a canonical encoding, see {@link DeterminismReport#ENCODING}) and compared across runs.
 * Injected into tests annotated {@link CheckDeterminism}; {@link DeterminismCheck} uses it without JUnit.
 *
 * <pre>{@code
 * @Test
 * @CheckDeterminism(runs = 3)
 * void forwardIsDeterministic(DeterminismRecorder outputs) {
 *     outputs.seed(42);
 *     outputs.record("logits", engine.forward(tokens));          // float[]
 *     outputs.record("tokens", engine.generate(prompt, 16));     // int[]
 * }
 * }</pre>
 */
public final class DeterminismRecorder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final List<Map<String, RecordedOutput>> runs = new ArrayList<>();
    private final List<Long> seeds = new ArrayList<>();
    private final List<Long> kernelCalls = new ArrayList<>();

    DeterminismRecorder() {
    }

    /** Starts the next run; outputs recorded from now on belong to it. */
    void startRun() {
        runs.add(new LinkedHashMap<>());
        seeds.add(null);
    }

    /** Which run is being recorded, from 0. */
    public int run() {
        current();
        return runs.size() - 1;
    }

    /** Declares the seed this run used (recorded in the receipt's determinism section). */
    public void seed(long value) {
        current();
        seeds.set(seeds.size() - 1, value);
    }

    public void record(String name, float[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void record(String name, double[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    /** Integer outputs, e.g. generated token ids. */
    public void record(String name, int[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void record(String name, long[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void record(String name, byte[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void record(String name, String value) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(value, name)));
    }

    /** Token ids as a list (e.g. from a generate call). */
    public void recordTokens(String name, List<Integer> tokenIds) {
        Objects.requireNonNull(tokenIds, name);
        int[] ids = new int[tokenIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Objects.requireNonNull(tokenIds.get(i), () -> name + ": null token id");
        }
        record(name, ids);
    }

    /** The kernel calls the current run made, observed in its window. */
    void ranKernelCalls(long calls) {
        kernelCalls.add(calls);
    }

    List<Long> kernelCalls() {
        return List.copyOf(kernelCalls);
    }

    int runCount() {
        return runs.size();
    }

    Map<String, RecordedOutput> outputs(int run) {
        return Collections.unmodifiableMap(runs.get(run));
    }

    Long seedOf(int run) {
        return seeds.get(run);
    }

    private Map<String, RecordedOutput> current() {
        if (runs.isEmpty()) {
            throw new IllegalStateException("DeterminismRecorder: no run in progress; record outputs only inside a "
                    + "test annotated @CheckDeterminism or a DeterminismCheck body");
        }
        return runs.get(runs.size() - 1);
    }

    private void put(RecordedOutput o) {
        if (current().putIfAbsent(o.name(), o) != null) {
            throw new IllegalArgumentException("determinism run " + run() + ": output '" + o.name()
                    + "' recorded twice; give each output a distinct name");
        }
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("output name '" + name + "' must match " + NAME.pattern());
        }
        return name;
    }
}
