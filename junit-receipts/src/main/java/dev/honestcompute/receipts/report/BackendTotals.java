package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.Receipt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kernel statistics of a whole run added up per backend.
 *
 * @param backend     backend name ({@code cpu}, {@code cpu-simd}, {@code cuda}, ...)
 * @param kernels     distinct kernel ids seen on it
 * @param calls       calls over all receipts
 * @param failedCalls calls that threw
 * @param nanos       summed time of the timed kernels, -1 when none was timed
 * @param tests       receipts in which the backend ran
 * @param timedCalls  calls {@code nanos} covers (fewer than all when the recorder sampled)
 */
record BackendTotals(String backend, Set<String> kernels, long calls, long failedCalls, long nanos, int tests,
                     long timedCalls) {

    /** Kernel time, saying when it covers a sample of the calls. */
    String time() {
        return Numbers.kernelTime(nanos, timedCalls, calls + failedCalls);
    }

    static List<BackendTotals> of(List<ReceiptEntry> receipts) {
        Map<String, Acc> acc = new TreeMap<>();
        for (ReceiptEntry r : receipts) {
            Set<String> backendsHere = new TreeSet<>();
            for (Receipt.KernelStat k : r.receipt().kernelStats()) {
                String b = k.backend().isEmpty() ? "(unknown backend)" : k.backend();
                Acc a = acc.computeIfAbsent(b, x -> new Acc());
                a.kernels.add(k.id());
                a.calls += k.calls();
                a.failed += k.failedCalls();
                if (k.nanos() >= 0) {
                    a.nanos = Math.max(a.nanos, 0) + k.nanos();
                    a.timedCalls += k.timedCalls();
                }
                backendsHere.add(b);
            }
            backendsHere.forEach(b -> acc.get(b).tests++);
        }
        return acc.entrySet().stream().map(e -> new BackendTotals(e.getKey(), e.getValue().kernels,
                e.getValue().calls, e.getValue().failed, e.getValue().nanos, e.getValue().tests,
                e.getValue().timedCalls)).toList();
    }

    private static final class Acc {
        final Set<String> kernels = new TreeSet<>();
        long calls;
        long failed;
        long nanos = -1;
        long timedCalls;
        int tests;
    }
}
