package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Memory and GC observed over the measured part only (warmup excluded).
 *
 * @param peakHeapBytes  sum of the peak usage of every heap memory pool after their peaks were reset at the start of
 *                       the measured part, or the largest heap use sampled between measured iterations if that is
 *                       larger (the JVM refreshes pool peaks only at collections); pools peak at different moments,
 *                       so the pool sum is an upper bound of the true simultaneous heap peak
 * @param peakRssBytes   Linux VmHWM, or {@code null} when unavailable; see {@code rssScope} for the time it covers
 * @param rssScope       whether the RSS peak covers the measured part or everything since JVM start
 * @param gcCount        collections during the measured part, over all collectors
 * @param gcTimeMs       accumulated collection time during the measured part, as reported by the collectors
 * @param loadAverageStart the host's one-minute load average when the measured part started
 *                       ({@code OperatingSystemMXBean.getSystemLoadAverage}), or {@code null} when the platform has none;
 *                       a load at or above {@code host.logical_cores} means the measurement shared the CPUs, and the
 *                       report marks comparisons of it as noisy
 * @param loadAverageEnd the same when the measured part ended
 */
public record ResourceUsage(
        @JsonProperty("peak_heap_bytes") long peakHeapBytes,
        @JsonProperty("peak_rss_bytes") Long peakRssBytes,
        @JsonProperty("rss_scope") RssScope rssScope,
        @JsonProperty("gc_count") long gcCount,
        @JsonProperty("gc_time_ms") long gcTimeMs,
        @JsonProperty("load_average_start") Double loadAverageStart,
        @JsonProperty("load_average_end") Double loadAverageEnd) {
}
