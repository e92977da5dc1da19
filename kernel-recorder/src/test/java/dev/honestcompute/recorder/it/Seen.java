package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelStats;
import dev.honestcompute.recorder.KernelWindow;

import java.util.List;
import java.util.stream.Collectors;

/** Observations as short lines, {@code id backend calls/failed [requires]}, for exact assertions. */
final class Seen {

    private Seen() {
    }

    static List<String> lines(KernelWindow window) {
        return lines(window.observations().kernels());
    }

    static List<String> lines(List<KernelStats> kernels) {
        return kernels.stream().map(Seen::line).collect(Collectors.toList());
    }

    static String line(KernelStats k) {
        return k.id() + " " + k.backend() + " " + k.calls() + "/" + k.failedCalls()
                + (k.requires().isEmpty() ? "" : " " + k.requires()) + (k.verified() ? "" : " unverified");
    }

    /** Calls of {@code id} in {@code window}, 0 when it did not run there. */
    static long calls(KernelWindow window, String id) {
        return window.observations().kernels().stream().filter(k -> k.id().equals(id))
                .mapToLong(KernelStats::calls).sum();
    }
}
