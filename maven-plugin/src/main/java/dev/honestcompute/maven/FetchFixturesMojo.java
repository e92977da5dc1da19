package dev.honestcompute.maven;

import dev.honestcompute.fixtures.lock.LockfileException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fetches the models of a {@code models.lock.json} into the SHA-256 verified cache before the tests run (mirrors in
 * order, retries, resume, progress), so {@code @RequiresModel} finds them. A model that cannot be fetched or does not
 * verify fails the build with the lockfile entry and every mirror's error.
 *
 * <pre>{@code
 * <execution><goals><goal>fetch-fixtures</goal></goals></execution>   <!-- models.lock.json, tier ci -->
 * }</pre>
 */
@Mojo(name = "fetch-fixtures", defaultPhase = LifecyclePhase.GENERATE_TEST_RESOURCES, threadSafe = true)
public class FetchFixturesMojo extends AbstractMojo {

    /** The lockfile. */
    @Parameter(property = "honestcompute.lockfile", defaultValue = "${project.basedir}/models.lock.json")
    File lockfile;

    /** Tiers to fetch, comma-separated (the tests' {@code honestcompute.fixtures.tiers}, default {@code ci}). */
    @Parameter(property = "honestcompute.fixtures.tiers", defaultValue = "ci")
    String tiers;

    /** Download again even files that verify. */
    @Parameter(property = "honestcompute.fixtures.force", defaultValue = "false")
    boolean force;

    /** Skips the goal (also when tests are skipped with {@code -DskipTests}). */
    @Parameter(property = "honestcompute.skip", defaultValue = "false")
    boolean skip;

    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Override
    public void execute() throws MojoFailureException {
        if (skip || skipTests) {
            getLog().info("honest-compute:fetch-fixtures skipped");
            return;
        }
        Set<String> selected = Arrays.stream(tiers == null ? new String[0] : tiers.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (selected.isEmpty()) {
            throw new MojoFailureException("honest-compute:fetch-fixtures: <tiers> is empty; name at least one tier "
                    + "of " + lockfile + " (e.g. ci)");
        }
        FixtureFetch.Outcome outcome;
        try (PrintStream log = MavenLogStream.info(getLog())) {
            outcome = FixtureFetch.fetch(lockfile.toPath(), selected, force, log);
        } catch (LockfileException e) {
            throw new MojoFailureException("honest-compute:fetch-fixtures: " + e.getMessage());
        }
        if (!outcome.failures().isEmpty()) {
            throw new MojoFailureException("honest-compute:fetch-fixtures: " + outcome.failures().size()
                    + " model(s) of " + lockfile + " could not be fetched into " + outcome.cacheRoot() + ":"
                    + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", outcome.failures()));
        }
        if (outcome.fetched().isEmpty()) {
            throw new MojoFailureException("honest-compute:fetch-fixtures: " + lockfile + " has no model of tier(s) "
                    + selected + "; check <tiers> against the lockfile's \"tier\" fields");
        }
        getLog().info("fixtures verified in " + outcome.cacheRoot() + ": " + String.join(", ", outcome.fetched()));
    }
}
