package dev.honestcompute.receipts;

import dev.honestcompute.fixtures.cache.ModelFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Test classes run only inside EngineTestKit by {@link RequiresModelTest}; excluded from Surefire's own run. */
final class RequiresModelTestCases {

    /** What each test saw: the fixtures its receipt will list. */
    static final Map<String, List<ReceiptSections.Fixture>> RECORDED = new ConcurrentHashMap<>();

    static final class RecordSections implements AfterEachCallback {
        @Override
        public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
            ReceiptSections s = ReceiptSections.existing(context);
            RECORDED.put(context.getRequiredTestMethod().getName(), s == null ? List.of() : s.fixtures());
        }
    }

    private RequiresModelTestCases() {
    }

    static class Present {
        @RegisterExtension
        static final RecordSections SECTIONS = new RecordSections();

        @Test
        @RequiresModel("one-file")
        void injectsTheFileOfAOneFileModel(Path model) throws Exception {
            assertThat(Files.readString(model)).isEqualTo("weights-of-one-file");
        }

        @Test
        @RequiresModel("two-files")
        void injectsTheDirectoryAndTheFixture(Path dir, ModelFixture fixture, @TempDir Path scratch) {
            assertThat(dir).isEqualTo(fixture.directory());
            assertThat(dir.resolve("b/config.json")).hasContent("{\"model_type\": \"llama\"}");
            assertThat(fixture.files()).hasSize(2);
            assertThat(scratch).isDirectory();
        }

        @Test
        void choosesByParameterAnnotation(@RequiresModel("one-file") Path one,
                                          @RequiresModel("two-files") ModelFixture two) throws Exception {
            assertThat(Files.readString(one)).isEqualTo("weights-of-one-file");
            assertThat(two.name()).isEqualTo("two-files");
        }

        @Test
        @RequiresModel("one-file")
        @RequiresModel("two-files")
        void ambiguousBarePath(Path which) {
            throw new AssertionError("must not run: the parameter is ambiguous, got " + which);
        }
    }

    @RequiresModel("not-fetched")
    static class Missing {
        @Test
        void needsAModelThatIsNotInTheCache() {
            throw new AssertionError("must not run without its model");
        }
    }

    static class LockfileFromTheAnnotation {
        @Test
        @RequiresModel(value = "one-file", lockfile = "no/such/models.lock.json")
        void readsAMissingLockfile() {
        }
    }

    static class Unknown {
        @Test
        @RequiresModel("no-such-model")
        void namesAModelTheLockfileLacks() {
            throw new AssertionError("must not run");
        }
    }

    static class Corrupt {
        @Test
        @RequiresModel("one-file")
        void modelWasChangedInTheCache() {
            throw new AssertionError("must not run with a corrupt model");
        }
    }

    static class IntegrationTier {
        @Test
        @RequiresModel("big-integration-model")
        void onlyInTheIntegrationTier(Path model) throws Exception {
            assertThat(Files.size(model)).isPositive();
        }
    }
}
