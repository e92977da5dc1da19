package dev.honestcompute.receipts;

import dev.honestcompute.fixtures.cache.ModelFixture;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The models the current test's {@link RequiresModel} annotations resolved and verified, for other extensions that
 * need the same files (for example a {@code @ParityWith} reference engine): the same lockfile, the same cache, the
 * same verification, and the fixtures are already recorded in the test's receipt.
 *
 * <pre>{@code
 * Map<String, ModelFixture> models = RequiredModels.of(extensionContext);
 * Path hf = models.get("tiny-llama-hf").directory();
 * }</pre>
 */
public final class RequiredModels {

    private RequiredModels() {
    }

    /**
     * Model name to verified fixture, in declaration order; empty when the test declares no {@code @RequiresModel} or
     * they have not been resolved yet (they are, before the test body runs).
     */
    public static Map<String, ModelFixture> of(ExtensionContext context) {
        return RequiresModelExtension.resolved(context);
    }
}
