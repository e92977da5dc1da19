package dev.honestcompute.receipts.summary;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of checking one run summary ({@link RunSummaryVerifier}).
 *
 * @param summaryFile the summary checked
 * @param summary     its content
 * @param signature   whether it is signed, and whether the signature verified
 * @param problems    everything wrong with the run, bounded per kind; empty when the run is complete and consistent
 */
public record RunSummaryVerification(Path summaryFile, RunSummary summary, RunSignature.Check signature,
                                     List<RunSummaryProblem> problems) {

    public RunSummaryVerification {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
