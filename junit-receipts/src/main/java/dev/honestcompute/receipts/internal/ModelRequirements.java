package dev.honestcompute.receipts.internal;

import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.cache.ModelFixture;
import dev.honestcompute.fixtures.lock.LockedModel;
import dev.honestcompute.fixtures.lock.LockfileException;
import dev.honestcompute.fixtures.lock.ModelLockfile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What {@code @RequiresModel} does, free of JUnit: find the lockfile entry, decide whether its tier is selected, and
 * resolve it in the verified cache. Lockfiles are read once per path.
 */
public final class ModelRequirements {

    /** Tiers selected when nothing is configured. */
    public static final String DEFAULT_TIERS = "ci";
    /** Lockfile used when nothing is configured. */
    public static final String DEFAULT_LOCKFILE = "models.lock.json";

    private final ModelCache cache;
    private final Set<String> tiers;
    private final Map<Path, ModelLockfile> lockfiles = new ConcurrentHashMap<>();

    public ModelRequirements(ModelCache cache, String tiers) {
        this.cache = cache;
        this.tiers = parseTiers(tiers);
    }

    /** Parses {@code "ci, integration"}; {@code "*"} means every tier. Blank means {@link #DEFAULT_TIERS}. */
    static Set<String> parseTiers(String tiers) {
        String t = tiers == null || tiers.isBlank() ? DEFAULT_TIERS : tiers;
        Set<String> out = Arrays.stream(t.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("tiers '" + tiers + "' select nothing; give e.g. \"ci\" or \"ci,integration\" or \"*\"");
        }
        return out;
    }

    /** The tiers this run selects. */
    public Set<String> tiers() {
        return Set.copyOf(tiers);
    }

    /**
     * The lockfile entry, or a {@link LockfileException} naming the lockfile, the missing name and the names it has.
     */
    public LockedModel entry(Path lockfile, String name) {
        return entry(lockfile, "fix the path or create the lockfile", name);
    }

    /** Like {@link #entry(Path, String)}; {@code ifMissing} says how to point at another file or create it. */
    public LockedModel entry(Path lockfile, String ifMissing, String name) {
        ModelLockfile lock = lockfiles.computeIfAbsent(lockfile.toAbsolutePath().normalize(),
                p -> ModelLockfile.read(p, ifMissing));
        return lock.model(name).orElseThrow(() -> new LockfileException("lockfile " + lock.source()
                + " has no model named '" + name + "'; it has " + lock.models().stream().map(LockedModel::name)
                .collect(Collectors.toList()) + ". Add the entry or fix the name in @RequiresModel"));
    }

    /** Why the model is deselected in this run, or empty when its tier is selected. */
    public Optional<String> deselection(LockedModel model) {
        if (tiers.contains("*") || tiers.contains(model.tier())) {
            return Optional.empty();
        }
        return Optional.of("model '" + model.name() + "' is tier '" + model.tier() + "' and this run selects tiers "
                + tiers + "; to run it set the configuration parameter honestcompute.fixtures.tiers="
                + String.join(",", tiers) + "," + model.tier());
    }

    /** Resolves and verifies the model; throws {@link dev.honestcompute.fixtures.cache.FixtureProblem}. */
    public ModelFixture resolve(LockedModel model, Path lockfile) {
        return cache.resolve(model, lockfile);
    }
}
