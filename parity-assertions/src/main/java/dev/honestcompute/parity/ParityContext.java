package dev.honestcompute.parity;

import dev.honestcompute.fixtures.cache.ModelFixture;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link ParityReference} knows about the test it opens an engine for: its identity, its tolerance profile, and
 * the models its {@code @RequiresModel} annotations resolved — so the reference loads the very files the engine under
 * test got, verified once, from the configured lockfile and cache.
 *
 * <pre>{@code
 * public static final class ScalarReference implements ParityReference {
 *     public ParityEngine open(ParityContext context) throws Exception {
 *         LlamaModel weights = LlamaModel.loadHf(context.model("tiny-llama-hf").directory());
 *         return ParityEngine.of(new EngineIdentity("example-llama", "0.1.0", "scalar"), in -> ...);
 *     }
 * }
 * }</pre>
 */
public final class ParityContext {

    private final String displayName;
    private final String uniqueId;
    private final ToleranceProfile profile;
    private final Supplier<Map<String, ModelFixture>> models;

    /** A context without models, e.g. for a harness used outside JUnit. */
    public ParityContext(String displayName, String uniqueId, ToleranceProfile profile) {
        this(displayName, uniqueId, profile, Map::of);
    }

    ParityContext(String displayName, String uniqueId, ToleranceProfile profile,
                  Supplier<Map<String, ModelFixture>> models) {
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.uniqueId = Objects.requireNonNull(uniqueId, "uniqueId");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.models = Objects.requireNonNull(models, "models");
    }

    /** The test's display name. */
    public String displayName() {
        return displayName;
    }

    /** The test's JUnit unique id. */
    public String uniqueId() {
        return uniqueId;
    }

    /** The tolerance profile the test is held to. */
    public ToleranceProfile profile() {
        return profile;
    }

    /**
     * The verified fixture of a model the test requires with {@code @RequiresModel(name)}.
     *
     * @throws IllegalStateException naming the test, the model and the models it does require, when {@code name} is
     *                               not one of them
     */
    public ModelFixture model(String name) {
        Map<String, ModelFixture> available = models.get();
        ModelFixture fixture = available.get(name);
        if (fixture == null) {
            throw new IllegalStateException("ParityContext.model(\"" + name + "\"): the test " + displayName + " ["
                    + uniqueId + "] does not require that model (its @RequiresModel models: " + available.keySet()
                    + "); add @RequiresModel(\"" + name + "\") to the test so the reference gets the same verified "
                    + "file and the receipt records it");
        }
        return fixture;
    }

    @Override
    public String toString() {
        return "ParityContext[" + displayName + ", " + uniqueId + ", profile " + profile.name() + "]";
    }
}
