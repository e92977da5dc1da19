package dev.honestcompute.receipts.perf;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.OptionalLong;

/**
 * Starts at the beginning of the measured part (resetting peaks) and reads the deltas at its end. Heap pool peaks and
 * usage are refreshed lazily by some collectors (G1 reports 0 bytes used before its first collection), so the heap in
 * use is also sampled between iterations ({@link #sample()}, outside the timed part) and the larger value reported.
 */
final class ResourceMeter {

    private final RssProbe rss;
    private RssScope scope;
    private long gcCountStart;
    private long gcTimeStart;
    private long sampledHeapMax;
    private Double loadStart;

    ResourceMeter(RssProbe rss) {
        this.rss = rss;
    }

    void start() {
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        scope = rss.reset();
        sampledHeapMax = 0;
        sample();
        gcCountStart = gcCount();
        gcTimeStart = gcTime();
        loadStart = loadAverage();
    }

    /** Records the heap in use now; call between measured iterations. */
    void sample() {
        // G1's MXBean usage lags until regions are retired; Runtime's total - free counts the regions in use.
        Runtime rt = Runtime.getRuntime();
        long used = Math.max(rt.totalMemory() - rt.freeMemory(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        sampledHeapMax = Math.max(sampledHeapMax, used);
    }

    ResourceUsage stop() {
        sample();
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            poolPeaks += Math.max(0, Math.max(pool.getPeakUsage().getUsed(), pool.getUsage().getUsed()));
        }
        long peakHeap = Math.max(poolPeaks, sampledHeapMax);
        OptionalLong peakRss = scope == RssScope.UNAVAILABLE ? OptionalLong.empty() : rss.peakBytes();
        RssScope finalScope = peakRss.isPresent() ? scope : RssScope.UNAVAILABLE;
        return new ResourceUsage(peakHeap, peakRss.isPresent() ? peakRss.getAsLong() : null, finalScope,
                Math.max(0, gcCount() - gcCountStart), Math.max(0, gcTime() - gcTimeStart), loadStart, loadAverage());
    }

    /** The host's one-minute load average, or {@code null} where the platform reports none (negative). */
    static Double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load >= 0 && Double.isFinite(load) ? load : null;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
                .toList();
    }

    private static long gcCount() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private static long gcTime() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
