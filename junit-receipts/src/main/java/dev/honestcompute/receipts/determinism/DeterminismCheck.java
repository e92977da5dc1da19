package dev.honestcompute.receipts.determinism;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a body N times (default 2) and compares the digests of the outputs each run records.
 *
 * <pre>{@code
 * DeterminismCheck.runs(3).check(outputs -> outputs.record("logits", engine.forward(tokens)))
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
        DeterminismRecorder recorder = new DeterminismRecorder();
        for (int r = 0; r < runs; r++) {
            recorder.startRun();
            try (KernelWindow window = KernelRecorder.openWindow("determinism-run-" + r, false)) {
                body.run(recorder);
                window.close();
                recorder.ranKernelCalls(window.observations().totalCalls());
            }
        }
        return compare(recorder, threads);
    }

    /**
     * Compares the runs of a recorder (at least 2). A run that recorded nothing is an error: a check that compares
     * nothing cannot fail.
     */
    static DeterminismReport compare(DeterminismRecorder recorder, ThreadSettings threads) {
        int n = recorder.runCount();
        if (n < 2) {
            throw new IllegalStateException("a determinism check needs at least 2 runs to compare, had " + n);
        }
        for (int r = 0; r < n; r++) {
            if (recorder.outputs(r).isEmpty()) {
                throw new IllegalStateException("determinism run " + r + " of " + n + " recorded no outputs; call "
                        + "outputs.record(name, values) for each result the check should compare");
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (int r = 0; r < n; r++) {
            names.addAll(recorder.outputs(r).keySet());
        }
        List<OutputDigest> digests = new ArrayList<>();
        OutputMismatch first = null;
        Map<String, RecordedOutput> base = recorder.outputs(0);
        for (String name : names) {
            RecordedOutput expected = base.get(name);
            List<String> shas = new ArrayList<>();
            boolean identical = expected != null;
            RecordedOutput any = expected;
            for (int r = 0; r < n; r++) {
                RecordedOutput o = recorder.outputs(r).get(name);
                any = any == null ? o : any;
                shas.add(o == null ? "<missing>" : o.sha256());
                if (r > 0 && expected != null && (o == null || !o.sha256().equals(expected.sha256()))) {
                    identical = false;
                    if (first == null) {
                        first = mismatch(name, r, expected, o, recorder);
                    }
                }
            }
            if (expected == null && first == null) {
                first = mismatch(name, 0, null, null, recorder);
            }
            digests.add(new OutputDigest(name, any.kind(), any.length(), List.copyOf(shas), identical));
        }
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            seeds.add(recorder.seedOf(r));
        }
        return new DeterminismReport(n, first == null, List.copyOf(digests), first,
                Collections.unmodifiableList(seeds), threads, DeterminismReport.ENCODING, recorder.kernelCalls(),
                KernelRecorder.isActive());
    }

    private static OutputMismatch mismatch(String name, int run, RecordedOutput expected, RecordedOutput actual,
                                           DeterminismRecorder recorder) {
        if (expected == null) {
            int where = 0;
            while (recorder.outputs(where).get(name) == null) {
                where++;
            }
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
}
