package dev.honestcompute.receipts.perf;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.OptionalLong;

/** Starts at the beginning of the measured part (resetting peaks) and reads the deltas at its end. */
final class ResourceMeter {

    private final RssProbe rss;
    private RssScope scope;
    private long gcCountStart;
    private long gcTimeStart;

    ResourceMeter(RssProbe rss) {
        this.rss = rss;
    }

    void start() {
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        scope = rss.reset();
        gcCountStart = gcCount();
        gcTimeStart = gcTime();
    }

    ResourceUsage stop() {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            peakHeap += Math.max(0, pool.getPeakUsage().getUsed());
        }
        OptionalLong peakRss = scope == RssScope.UNAVAILABLE ? OptionalLong.empty() : rss.peakBytes();
        RssScope finalScope = peakRss.isPresent() ? scope : RssScope.UNAVAILABLE;
        return new ResourceUsage(peakHeap, peakRss.isPresent() ? peakRss.getAsLong() : null, finalScope,
                Math.max(0, gcCount() - gcCountStart), Math.max(0, gcTime() - gcTimeStart));
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
