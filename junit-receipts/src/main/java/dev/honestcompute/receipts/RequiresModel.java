package dev.honestcompute.receipts;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test needs a verified model fixture from {@code models.lock.json}. Before the test runs, the entry is resolved
 * in the model cache and every file's SHA-256 checked (a cached verification is reused while size and mtime are
 * unchanged). The fixture (name, sha256, size) is recorded in the test's receipt.
 *
 * <ul>
 *   <li>Missing or corrupt: the test <b>fails</b> with the lockfile entry, the expected path and the exact command
 *   that fetches it. It is never skipped.</li>
 *   <li>A model whose tier is not selected for this run (configuration parameter
 *   {@value #TIERS_PARAMETER}, default {@code ci}) deselects the test by the reported rule
 *   {@value #TIER_RULE}; the run summary counts it.</li>
 * </ul>
 *
 * <p>Inject the model as a {@link java.nio.file.Path} (its directory, or the file itself for a one-file model) or as
 * a {@link dev.honestcompute.fixtures.cache.ModelFixture}. With several models, annotate the parameter itself:
 *
 * <pre>{@code
 * @Test
 * @RequiresModel("tiny-llama-hf")
 * void loads(Path modelDir) { ... }
 *
 * @Test
 * void agrees(@RequiresModel("tiny-llama-gguf-f32") Path f32, @RequiresModel("tiny-llama-gguf-q8_0") Path q8) { ... }
 * }</pre>
 *
 * <p>The lockfile is the configuration parameter {@value #LOCKFILE_PARAMETER} (default {@code models.lock.json} in
 * the working directory, which under Maven is the module directory) unless {@link #lockfile()} names one. The cache
 * is the configuration parameter {@value #CACHE_PARAMETER}, else the system property of the same name, else
 * {@code $HONEST_COMPUTE_CACHE}, else {@code ~/.cache/honest-compute/models}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.PARAMETER})
@Repeatable(RequiresModel.List.class)
@ExtendWith(RequiresModelExtension.class)
public @interface RequiresModel {

    /** Configuration parameter: comma-separated tiers selected for this run; {@code *} selects all. */
    String TIERS_PARAMETER = "honestcompute.fixtures.tiers";
    /** Configuration parameter: the lockfile path. */
    String LOCKFILE_PARAMETER = "honestcompute.fixtures.lockfile";
    /**
     * Configuration parameter: the model cache directory. Unset: system property {@code honestcompute.cache}, then
     * {@code $HONEST_COMPUTE_CACHE}, then {@code ~/.cache/honest-compute/models}.
     */
    String CACHE_PARAMETER = "honestcompute.cache";
    /** The rule id of a deselection because the model's tier is not selected. */
    String TIER_RULE = "fixture-tier";

    /** The lockfile entry name, e.g. {@code "tiny-llama-hf"}. */
    String value();

    /** A lockfile path for this model only; empty means the configured one. */
    String lockfile() default "";

    /** Container for repeated {@code @RequiresModel}. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ExtendWith(RequiresModelExtension.class)
    @interface List {
        RequiresModel[] value();
    }
}
