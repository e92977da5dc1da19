package dev.honestcompute.receipts;

import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.fetch.Fetcher;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.fixtures.lock.LockedModel;
import dev.honestcompute.fixtures.lock.ModelLockfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

class RequiresModelTest {

    @TempDir
    Path tmp;
    Path lockfile;
    Path cacheDir;

    @BeforeEach
    void lockfileAndCache() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("mirror"));
        Files.writeString(src.resolve("one.bin"), "weights-of-one-file");
        Files.createDirectories(src.resolve("b"));
        Files.writeString(src.resolve("b/config.json"), "{\"model_type\": \"llama\"}");
        Files.writeString(src.resolve("a.bin"), "weights-a");
        Files.writeString(src.resolve("big.bin"), "bigger-weights");
        lockfile = tmp.resolve("models.lock.json");
        Files.writeString(lockfile, "{\"schema_version\": 1, \"models\": ["
                + model("one-file", "ci", file("model.bin", src.resolve("one.bin"))) + ","
                + model("two-files", "ci", file("a.bin", src.resolve("a.bin")) + ","
                + file("b/config.json", src.resolve("b/config.json"))) + ","
                + model("not-fetched", "ci", file("x.bin", src.resolve("one.bin"))) + ","
                + model("big-integration-model", "integration", file("big.bin", src.resolve("big.bin")))
                + "]}");
        cacheDir = tmp.resolve("cache");
        ModelLockfile lock = ModelLockfile.read(lockfile);
        Fetcher fetcher = Fetcher.create(ModelCache.at(cacheDir),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        for (String name : new String[] {"one-file", "two-files", "big-integration-model"}) {
            fetcher.fetch(lock.model(name).orElseThrow(), false);
        }
        RequiresModelTestCases.RECORDED.clear();
    }

    private static String model(String name, String tier, String files) {
        return "{\"name\": \"" + name + "\", \"tier\": \"" + tier + "\", \"format\": \"bin\", \"description\": \"d\","
                + " \"license\": \"l\", \"files\": [" + files + "]}";
    }

    private static String file(String path, Path source) throws Exception {
        return "{\"path\": \"" + path + "\", \"urls\": [\"" + source.toUri() + "\"], \"sha256\": \""
                + Sha256.of(source) + "\", \"size_bytes\": " + Files.size(source) + "}";
    }

    private EngineTestKit.Builder kit() {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(RequiresModel.LOCKFILE_PARAMETER, lockfile.toString())
                .configurationParameter(RequiresModel.CACHE_PARAMETER, cacheDir.toString());
    }

    @Test
    void injectsVerifiedModelsAndRecordsThemForTheReceipt() throws Exception {
        Events tests = kit().selectors(selectClass(RequiresModelTestCases.Present.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("ambiguousBarePath"), finishedWithFailure(
                message(m -> m.contains("could be any of the required models [one-file, two-files]")
                        && m.contains("annotate it with @RequiresModel(\"<name>\")")))));

        LockedModel one = ModelLockfile.read(lockfile).model("one-file").orElseThrow();
        assertThat(RequiresModelTestCases.RECORDED.get("injectsTheFileOfAOneFileModel"))
                .containsExactly(new ReceiptSections.Fixture("one-file", one.files().get(0).sha256(),
                        "weights-of-one-file".length()));
        assertThat(RequiresModelTestCases.RECORDED.get("choosesByParameterAnnotation"))
                .extracting(ReceiptSections.Fixture::name).containsExactly("one-file", "two-files");
        LockedModel two = ModelLockfile.read(lockfile).model("two-files").orElseThrow();
        assertThat(RequiresModelTestCases.RECORDED.get("injectsTheDirectoryAndTheFixture"))
                .singleElement().satisfies(f -> {
                    assertThat(f.sha256()).isEqualTo(ModelCache.at(cacheDir).directoryOf(two).getFileName().toString());
                    assertThat(f.sizeBytes()).isEqualTo("weights-a".length() + "{\"model_type\": \"llama\"}".length());
                });
    }

    @Test
    void missingModelFailsWithEntryExpectedPathAndFetchCommandNeverSkips() {
        Events tests = kit().selectors(selectClass(RequiresModelTestCases.Missing.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1).skipped(0));
        tests.assertThatEvents().haveExactly(1, event(test("needsAModelThatIsNotInTheCache"), finishedWithFailure(
                instanceOf(org.opentest4j.AssertionFailedError.class),
                message(m -> m.startsWith("@RequiresModel(\"not-fetched\") of needsAModelThatIsNotInTheCache()")
                        && m.contains("model fixture 'not-fetched', file 'x.bin': missing (expected at "
                        + cacheDir.toAbsolutePath())
                        && m.contains("Fetch it with: ")
                        && m.contains("fetch --tier ci --lockfile " + lockfile.toAbsolutePath())
                        // the command fetches into the cache this test used, not into the shell's default
                        && m.contains(" -Dhonestcompute.cache=" + cacheDir.toAbsolutePath() + " ")
                        && m.contains("from your own build run dev.honestcompute.fixtures.cli.FixturesCli from the "
                        + "test class path")
                        && m.contains("mvn -q exec:java -Dexec.classpathScope=test")))));
    }

    @Test
    void aMissingLockfileNamesTheConfigurationParameterNotACommandLineOption() {
        Path missing = tmp.resolve("elsewhere/models.lock.json");
        Events tests = kit().configurationParameter(RequiresModel.LOCKFILE_PARAMETER, missing.toString())
                .selectors(selectClass(RequiresModelTestCases.Missing.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1).skipped(0));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.startsWith("@RequiresModel(\"not-fetched\") of needsAModelThatIsNotInTheCache()")
                        && m.endsWith(": lockfile " + missing + " does not exist; fix the JUnit configuration "
                        + "parameter honestcompute.fixtures.lockfile=" + missing + " or create the file")
                        && !m.contains("--lockfile")))));
    }

    @Test
    void withoutAConfiguredLockfileTheMessageSaysHowToConfigureOne() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(RequiresModel.CACHE_PARAMETER, cacheDir.toString())
                .selectors(selectClass(RequiresModelTestCases.Missing.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains(": lockfile " + Path.of("models.lock.json").toAbsolutePath() + " does not exist; no "
                        + "lockfile is configured, so models.lock.json is read; set the JUnit configuration parameter "
                        + "honestcompute.fixtures.lockfile (e.g. in src/test/resources/junit-platform.properties) or "
                        + "@RequiresModel(lockfile = \"...\") to your lockfile's path, or create models.lock.json")
                        && !m.contains("--lockfile")))));
    }

    @Test
    void aMissingLockfileFromTheAnnotationNamesTheAnnotationAttribute() {
        Events tests = kit().selectors(selectClass(RequiresModelTestCases.LockfileFromTheAnnotation.class)).execute()
                .testEvents();

        Path resolved = Path.of("no/such/models.lock.json").toAbsolutePath();
        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains(": lockfile " + resolved + " does not exist; fix @RequiresModel(lockfile = "
                        + "\"no/such/models.lock.json\") or create the file (relative paths resolve against the test "
                        + "JVM's working directory " + Path.of("").toAbsolutePath() + ")")
                        && !m.contains("--lockfile")))));
    }

    @Test
    void corruptModelFailsWithBothHashes() throws Exception {
        LockedModel one = ModelLockfile.read(lockfile).model("one-file").orElseThrow();
        Path cached = ModelCache.at(cacheDir).pathOf(one, one.files().get(0));
        FileTime before = Files.getLastModifiedTime(cached);
        Files.writeString(cached, "weights-of-one-fil3");
        Files.setLastModifiedTime(cached, FileTime.fromMillis(before.toMillis() + 10_000));

        Events tests = kit().selectors(selectMethod(RequiresModelTestCases.Corrupt.class, "modelWasChangedInTheCache"))
                .execute().testEvents();

        String actual = Sha256.of(cached);
        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains("sha256 is " + actual + ", the lockfile says " + one.files().get(0).sha256())))));
    }

    @Test
    void unknownModelNameListsTheLockfileEntries() {
        Events tests = kit().selectors(selectClass(RequiresModelTestCases.Unknown.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains("has no model named 'no-such-model'")
                        && m.contains("[one-file, two-files, not-fetched, big-integration-model]")))));
    }

    @Test
    void modelOutsideTheSelectedTiersIsDeselectedByTheReportedRule() {
        Events tests = kit().selectors(selectClass(RequiresModelTestCases.IntegrationTier.class)).execute()
                .testEvents();

        tests.assertStatistics(s -> s.started(0).skipped(1));
        tests.assertThatEvents().haveExactly(1, event(test("onlyInTheIntegrationTier"), skippedWithReason(r ->
                r.equals("[deselected-by-rule:fixture-tier] model 'big-integration-model' is tier 'integration' and "
                        + "this run selects tiers [ci]; to run it set the configuration parameter "
                        + "honestcompute.fixtures.tiers=ci,integration"))));
    }

    @Test
    void selectingTheTierRunsTheTest() {
        Events tests = kit().configurationParameter(RequiresModel.TIERS_PARAMETER, "ci, integration")
                .selectors(selectClass(RequiresModelTestCases.IntegrationTier.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).succeeded(1).skipped(0));
    }

    @Test
    void emptyTierSelectionIsAConfigurationError() {
        Events tests = kit().configurationParameter(RequiresModel.TIERS_PARAMETER, " , ")
                .selectors(selectClass(RequiresModelTestCases.IntegrationTier.class)).execute().testEvents();

        tests.assertStatistics(s -> s.started(1).failed(1).skipped(0));
        tests.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                m.contains("tiers ' , ' select nothing; give e.g. \"ci\"")))));
    }
}
