package dev.honestcompute.receipts.summary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of one summary, bounded: each kind keeps its first {@value RunSummaryVerifier#MAX_PER_KIND}, the rest
 * are counted and reported as one line per kind.
 */
final class ProblemList {

    private final List<RunSummaryProblem> listed = new ArrayList<>();
    private final Map<RunSummaryProblem.Kind, Long> perKind = new EnumMap<>(RunSummaryProblem.Kind.class);

    void add(RunSummaryProblem.Kind kind, String path, String message) {
        if (perKind.merge(kind, 1L, Long::sum) <= RunSummaryVerifier.MAX_PER_KIND) {
            listed.add(new RunSummaryProblem(kind, path, message));
        }
    }

    boolean has(RunSummaryProblem.Kind kind) {
        return perKind.containsKey(kind);
    }

    List<RunSummaryProblem> toList() {
        List<RunSummaryProblem> out = new ArrayList<>(listed);
        perKind.forEach((kind, n) -> {
            if (n > RunSummaryVerifier.MAX_PER_KIND) {
                out.add(new RunSummaryProblem(kind, "", "... and " + (n - RunSummaryVerifier.MAX_PER_KIND) + " more "
                        + kind + " problem(s), not listed: each kind lists its first " + RunSummaryVerifier.MAX_PER_KIND));
            }
        });
        return List.copyOf(out);
    }
}
