package dev.honestcompute.receipts.determinism;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Thread settings that commonly change numerical results, captured when a determinism check runs.
 *
 * @param availableProcessors     {@code Runtime.availableProcessors()}
 * @param forkJoinParallelism     {@code ForkJoinPool.getCommonPoolParallelism()}
 * @param forkJoinParallelismProperty the {@code java.util.concurrent.ForkJoinPool.common.parallelism} system property,
 *                                or {@code null} when unset
 * @param environment             the variables of {@link #ENVIRONMENT_KEYS} that are set, sorted by name
 */
public record ThreadSettings(
        @JsonProperty("available_processors") int availableProcessors,
        @JsonProperty("fork_join_parallelism") int forkJoinParallelism,
        @JsonProperty("fork_join_parallelism_property") String forkJoinParallelismProperty,
        @JsonProperty("environment") Map<String, String> environment) {

    /** Environment variables recorded when set. */
    public static final List<String> ENVIRONMENT_KEYS = List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS",
            "OPENBLAS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "RAYON_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
            "TF_NUM_INTEROP_THREADS", "CUDA_VISIBLE_DEVICES", "CUBLAS_WORKSPACE_CONFIG");

    /** The settings of the running JVM. */
    public static ThreadSettings current() {
        Map<String, String> env = new TreeMap<>();
        for (String key : ENVIRONMENT_KEYS) {
            String v = System.getenv(key);
            if (v != null) {
                env.put(key, v);
            }
        }
        return new ThreadSettings(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.getCommonPoolParallelism(),
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism"), Map.copyOf(env));
    }
}
