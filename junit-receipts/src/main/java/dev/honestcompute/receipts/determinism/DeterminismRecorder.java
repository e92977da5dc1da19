package dev.honestcompute.receipts.determinism;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Collects the outputs of one run of a determinism check, by name. Each run must record the same names; the values
 * are digested and compared across runs.
 *
 * <pre>{@code
 * DeterminismReport report = DeterminismCheck.runs(2).check(outputs -> {
 *     outputs.seed(42);
 *     outputs.output("logits", engine.forward(tokens));
 *     outputs.output("tokens", engine.generate(prompt, 16));
 * });
 * report.assertDeterministic();
 * }</pre>
 */
public final class DeterminismRecorder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final int run;
    private final Map<String, RecordedOutput> outputs = new LinkedHashMap<>();
    private Long seed;

    DeterminismRecorder(int run) {
        this.run = run;
    }

    /** Which run this is, from 0. */
    public int run() {
        return run;
    }

    /** Declares the seed this run used (recorded in the receipt). */
    public void seed(long value) {
        seed = value;
    }

    public void output(String name, float[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void output(String name, double[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    /** Integer outputs, e.g. generated token ids. */
    public void output(String name, int[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void output(String name, long[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void output(String name, byte[] values) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(values, name)));
    }

    public void output(String name, String value) {
        put(RecordedOutput.of(checkName(name), Objects.requireNonNull(value, name)));
    }

    /** Token ids as a list (e.g. from a generate call). */
    public void tokens(String name, List<Integer> tokenIds) {
        Objects.requireNonNull(tokenIds, name);
        int[] ids = new int[tokenIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Objects.requireNonNull(tokenIds.get(i), () -> name + ": null token id");
        }
        output(name, ids);
    }

    List<RecordedOutput> outputs() {
        return new ArrayList<>(outputs.values());
    }

    RecordedOutput get(String name) {
        return outputs.get(name);
    }

    OptionalLong declaredSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    private void put(RecordedOutput o) {
        if (outputs.putIfAbsent(o.name(), o) != null) {
            throw new IllegalArgumentException("determinism run " + run + ": output '" + o.name()
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
