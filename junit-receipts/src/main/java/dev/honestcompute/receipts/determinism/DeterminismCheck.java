package dev.honestcompute.receipts.determinism;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a body N times (default 2) and compares the digests of the outputs each run records.
 *
 * <pre>{@code
 * DeterminismCheck.runs(3).check(outputs -> outputs.output("logits", engine.forward(tokens)))
 *         .assertDeterministic();
 * }</pre>
 */
public final class DeterminismCheck {

    /** Runs used when none are given. */
    public static final int DEFAULT_RUNS = 2;

    private final int runs;

    private DeterminismCheck(int runs) {
        if (runs < 2) {
            throw new IllegalArgumentException("a determinism check needs at least 2 runs to compare, was " + runs);
        }
        this.runs = runs;
    }

    public static DeterminismCheck runs(int runs) {
        return new DeterminismCheck(runs);
    }

    public static DeterminismCheck defaults() {
        return new DeterminismCheck(DEFAULT_RUNS);
    }

    /** Runs the body; exceptions from the body propagate unchanged. Never throws for a mismatch: see the report. */
    public DeterminismReport check(DeterminismBody body) throws Exception {
        ThreadSettings threads = ThreadSettings.current();
        List<DeterminismRecorder> recorded = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            DeterminismRecorder rec = new DeterminismRecorder(r);
            body.run(rec);
            if (rec.outputs().isEmpty()) {
                throw new IllegalStateException("determinism run " + r + " recorded no outputs; call "
                        + "outputs.output(name, values) for each result the check should compare");
            }
            recorded.add(rec);
        }
        return compare(recorded, threads);
    }

    static DeterminismReport compare(List<DeterminismRecorder> recorded, ThreadSettings threads) {
        Set<String> names = new LinkedHashSet<>();
        for (DeterminismRecorder rec : recorded) {
            rec.outputs().forEach(o -> names.add(o.name()));
        }
        List<OutputDigest> digests = new ArrayList<>();
        OutputMismatch first = null;
        DeterminismRecorder base = recorded.get(0);
        for (String name : names) {
            RecordedOutput expected = base.get(name);
            List<String> shas = new ArrayList<>();
            boolean identical = expected != null;
            for (DeterminismRecorder rec : recorded) {
                RecordedOutput o = rec.get(name);
                shas.add(o == null ? "<missing>" : o.sha256());
                if (expected != null && rec != base && (o == null || !o.sha256().equals(expected.sha256()))) {
                    identical = false;
                    if (first == null) {
                        first = mismatch(name, rec.run(), expected, o, recorded);
                    }
                }
            }
            if (expected == null && first == null) {
                first = mismatch(name, 0, null, null, recorded);
            }
            RecordedOutput any = expected != null ? expected : firstPresent(recorded, name);
            digests.add(new OutputDigest(name, any.kind(), any.length(), List.copyOf(shas), identical));
        }
        List<Long> seeds = new ArrayList<>();
        for (DeterminismRecorder rec : recorded) {
            seeds.add(rec.declaredSeed().isPresent() ? rec.declaredSeed().getAsLong() : null);
        }
        return new DeterminismReport(recorded.size(), first == null, List.copyOf(digests), first,
                Collections.unmodifiableList(seeds), threads, DeterminismReport.ENCODING);
    }

    private static OutputMismatch mismatch(String name, int run, RecordedOutput expected, RecordedOutput actual,
                                           List<DeterminismRecorder> recorded) {
        if (expected == null) {
            int where = recorded.stream().filter(r -> r.get(name) != null).findFirst().orElseThrow().run();
            return new OutputMismatch(name, where, null, "<missing>", "<recorded>", "output '" + name
                    + "' was recorded in run " + where + " but not in run 0; every run must record the same outputs");
        }
        if (actual == null) {
            return new OutputMismatch(name, run, null, "<recorded>", "<missing>", "output '" + name
                    + "' was recorded in run 0 but not in run " + run + "; every run must record the same outputs");
        }
        int index = expected.firstDifferingIndex(actual);
        String detail = expected.firstDifference(actual);
        return new OutputMismatch(name, run, index < 0 ? null : index,
                index < 0 ? expected.kind() + "[" + expected.length() + "]" : expected.element(index),
                index < 0 ? actual.kind() + "[" + actual.length() + "]" : actual.element(index),
                "nondeterministic output '" + name + "': run " + run + " differs from run 0 at " + detail
                        + " (sha256 " + expected.sha256().substring(0, 12) + "… vs " + actual.sha256().substring(0, 12)
                        + "…)");
    }

    private static RecordedOutput firstPresent(List<DeterminismRecorder> recorded, String name) {
        for (DeterminismRecorder rec : recorded) {
            if (rec.get(name) != null) {
                return rec.get(name);
            }
        }
        throw new IllegalStateException(name);
    }
}
