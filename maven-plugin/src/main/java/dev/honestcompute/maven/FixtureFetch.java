package dev.honestcompute.maven;

import dev.honestcompute.fixtures.cache.FixtureProblem;
import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.cache.ModelFixture;
import dev.honestcompute.fixtures.fetch.Fetcher;
import dev.honestcompute.fixtures.lock.LockedModel;
import dev.honestcompute.fixtures.lock.ModelLockfile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plugin's one call into the fixtures module: every model of the selected tiers of a lockfile into the verified
 * cache (the same cache root the tests resolve: {@code -Dhonestcompute.cache}, {@code $HONEST_COMPUTE_CACHE}, else
 * {@code ~/.cache/honest-compute/models}), with the fetcher's progress on {@code log}.
 */
final class FixtureFetch {

    /** What one fetch did: the models made present, and one message per model that failed. */
    record Outcome(List<String> fetched, List<String> failures, Path cacheRoot) {
    }

    private FixtureFetch() {
    }

    /**
     * @throws dev.honestcompute.fixtures.lock.LockfileException the lockfile is missing or invalid (names the field)
     */
    static Outcome fetch(Path lockfile, Set<String> tiers, boolean force, PrintStream log) {
        ModelLockfile lock = ModelLockfile.read(lockfile, "set <lockfile> of honest-compute:fetch-fixtures, or create "
                + "the lockfile");
        ModelCache cache = ModelCache.fromEnvironment();
        Fetcher fetcher = Fetcher.create(cache, log);
        List<String> fetched = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LockedModel m : lock.models()) {
            if (!tiers.contains(m.tier())) {
                continue;
            }
            try {
                ModelFixture fx = fetcher.fetch(m, force);
                fetched.add(fx.name() + " -> " + fx.directory());
            } catch (FixtureProblem | IOException e) {
                failures.add(m.name() + ": " + e.getMessage());
            }
        }
        return new Outcome(fetched, failures, cache.root());
    }
}
