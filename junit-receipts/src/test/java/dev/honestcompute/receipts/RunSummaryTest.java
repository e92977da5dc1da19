package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.summary.Deselection;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryProblem;
import dev.honestcompute.receipts.summary.RunSummaryVerifier;
import dev.honestcompute.receipts.summary.RunSummaryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs test cases through a real launcher session, so the ServiceLoader-registered session listener is the one
 * under test (EngineTestKit bypasses launcher listeners).
 */
class RunSummaryTest {

    @TempDir
    Path receipts;


    private TestExecutionSummary runInSession(Class<?> testCase, Map<String, String> parameters) {
        return RunSessions.run(receipts, parameters, testCase.getName());
    }

    @Test
    void theSummaryCountsWhatThePlatformReportedAndListsEveryReceiptDigest() throws Exception {
        TestExecutionSummary platform = runInSession(RunSummaryTestCases.MixedOutcomes.class, Map.of());

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.summaryVersion()).isEqualTo(RunSummary.VERSION);
        assertThat(summary.counts()).isEqualTo(new RunSummary.Counts(6, 1, 1, 1, 1, 2));
        assertThat(platform.getTestsSucceededCount()).isEqualTo(summary.counts().passed());
        assertThat(platform.getTestsFailedCount()).isEqualTo(summary.counts().failed());
        assertThat(platform.getTestsAbortedCount()).isEqualTo(summary.counts().aborted());
        assertThat(platform.getTestsSkippedCount()).isEqualTo(summary.counts().skipped() + summary.counts().deselected());
        assertThat(summary.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo("waiting for issue 42");
            assertThat(skip.test()).contains("skippedOnPurpose");
        });
        assertThat(summary.deselectedByRule()).containsExactly(Map.entry("no-gpu", 2L));
        assertThat(summary.receipts()).singleElement().satisfies(r -> {
            assertThat(r.path()).endsWith("/passesWithKernel.json");
            assertThat(r.sha256()).isEqualTo(sha256(receipts.resolve(r.path())));
            assertThat(r.status()).isEqualTo("passed");
        });
        assertThat(summary.host()).isNotNull();
        assertThat(summary.host().isObject()).isTrue();
        assertThat(summary.host().path("cpu_features").isArray()).as("the full host fingerprint").isTrue();
        assertThat(summary.replay().path("plan_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(summary.replay().path("result_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(problems(receipts.resolve("run-summary.json"))).isEmpty();
        // the session also leaves the report beside the summary
        assertThat(receipts.resolve("index.html")).content().contains("passesWithKernel");
        assertThat(receipts.resolve("summary.md")).isRegularFile();
    }

    @Test
    void aClassDeselectedByRuleCountsEachOfItsTestsUnderThatRule() throws Exception {
        TestExecutionSummary platform = runInSession(RunSummaryTestCases.SlowClass.class, Map.of());

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(platform.getContainersSkippedCount()).isEqualTo(1);
        assertThat(summary.deselectedByRule()).containsExactly(Map.entry("tier.slow", 3L));
        assertThat(summary.counts()).isEqualTo(new RunSummary.Counts(3, 0, 0, 0, 0, 3));
        assertThat(summary.skipped()).isEmpty();
    }

    @Test
    void aSkipReasonOnlyCountsAsADeselectionWhenItCarriesAValidRuleId() {
        assertThat(Deselection.ruleOf(Deselection.reason("no-gpu", "nvidia-smi not found"))).contains("no-gpu");
        assertThat(Deselection.ruleOf("no GPU here")).isEmpty();
        assertThat(Deselection.ruleOf("see [deselected-by-rule:no-gpu] later")).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Deselection.reason("No GPU!", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No GPU!");
    }

    @Test
    void fiveHundredParallelTestsAreAllListedWithMatchingDigests() throws Exception {
        runInSession(EmitsReceiptTestCases.ParallelCase.class, ParallelReceiptsTest.PARALLEL);

        ParallelReceiptsTest.assertParallelReceipts(receipts);
        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.counts().total()).isEqualTo(500);
        assertThat(summary.counts().passed()).isEqualTo(500);
        assertThat(summary.receipts()).hasSize(500);
        assertThat(summary.receipts().stream().map(RunSummary.ReceiptDigest::path).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(ReceiptKit.receiptFiles(receipts));
        for (RunSummary.ReceiptDigest r : summary.receipts()) {
            assertThat(r.sha256()).as(r.path()).isEqualTo(sha256(receipts.resolve(r.path())));
        }
        assertThat(problems(receipts.resolve("run-summary.json"))).isEmpty();
    }

    @Test
    void anEditedMissingOrSmuggledReceiptFailsTheDigestCheck() throws Exception {
        runInSession(EmitsReceiptTestCases.ClassLevelCase.class, Map.of());
        Path summaryFile = receipts.resolve("run-summary.json");
        assertThat(problems(summaryFile)).isEmpty();
        List<RunSummary.ReceiptDigest> listed = RunSummaryFiles.read(summaryFile).receipts();
        assertThat(listed).hasSize(3);

        Path edited = receipts.resolve(listed.get(0).path());
        String json = Files.readString(edited);
        Files.writeString(edited, json.replace("matmul_f32", "matmul_f32_avx512"));
        Files.delete(receipts.resolve(listed.get(1).path()));
        Path smuggled = receipts.resolve("com.acme.Fake/claims.json");
        Files.createDirectories(smuggled.getParent());
        Files.writeString(smuggled, json);

        List<RunSummaryProblem> problems = problems(summaryFile);
        assertThat(problems).extracting(RunSummaryProblem::kind).containsExactlyInAnyOrder(
                RunSummaryProblem.Kind.MODIFIED, RunSummaryProblem.Kind.MISSING, RunSummaryProblem.Kind.UNLISTED);
        assertThat(problems).filteredOn(p -> p.kind() == RunSummaryProblem.Kind.UNLISTED).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("com.acme.Fake/claims.json", "a second receipt of test",
                        "a copy added after the run"));
        assertThat(problems).filteredOn(p -> p.kind() == RunSummaryProblem.Kind.MODIFIED).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(edited.getFileName().toString())
                        .contains(listed.get(0).sha256()).contains("changed after the run"));
    }

    @Test
    void aSummaryPathThatLeavesTheDirectoryIsReportedNotFollowed() throws Exception {
        runInSession(RunSummaryTestCases.MixedOutcomes.class, Map.of());
        Path summaryFile = receipts.resolve("run-summary.json");
        String text = Files.readString(summaryFile);
        JsonNode tree = dev.honestcompute.receipts.internal.ReceiptJson.mapper().readTree(text);
        String path = tree.path("receipts").get(0).path("path").asText();
        Files.writeString(summaryFile, text.replace("\"" + path + "\"", "\"../../../etc/passwd\""));

        assertThat(problems(summaryFile)).extracting(RunSummaryProblem::kind)
                .contains(RunSummaryProblem.Kind.OUTSIDE_DIRECTORY);
    }

    @Test
    void aBrokenSummaryIsAClearErrorNamingTheFile() throws Exception {
        Path summaryFile = receipts.resolve("run-summary.json");
        Files.writeString(summaryFile, "{\"summary_version\": \"1.0.0\", \"counts\": ");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> problems(summaryFile)))
                .isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining(summaryFile.toString())
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void sessionsOfOneBuildMergeIntoOneSummaryLikeTwoSurefireExecutions() throws Exception {
        runInSession(RunSummaryTestCases.MixedOutcomes.class, Map.of());
        runInSession(EmitsReceiptTestCases.ClassLevelCase.class, Map.of());

        Path summaryFile = receipts.resolve("run-summary.json");
        RunSummary summary = RunSummaryFiles.read(summaryFile);
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.counts()).isEqualTo(new RunSummary.Counts(9, 4, 1, 1, 1, 2));
        assertThat(summary.tests()).hasSize(9);
        assertThat(summary.receipts()).hasSize(4);
        assertThat(summary.deselectedByRule()).containsExactly(Map.entry("no-gpu", 2L));
        assertThat(problems(summaryFile)).as("receipts of both sessions are listed").isEmpty();
        assertThat(receipts.resolve("index.html")).content().contains("passesWithKernel").contains("nested")
                .contains("merged from 2 test sessions");
        assertThat(receipts.resolve("summary.md")).content().contains("Counts merged from 2 test sessions");
    }

    @Test
    void aTestRunAgainReplacesItsOutcomeAndIsNeverCountedTwice() throws Exception {
        runInSession(EmitsReceiptTestCases.ClassLevelCase.class, Map.of());
        String firstStart = RunSummaryFiles.read(receipts.resolve("run-summary.json")).startedAt();
        runInSession(EmitsReceiptTestCases.ClassLevelCase.class, Map.of());

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.startedAt()).isEqualTo(firstStart);
        assertThat(summary.counts()).isEqualTo(new RunSummary.Counts(3, 3, 0, 0, 0, 0));
        assertThat(summary.receipts()).hasSize(3);
        for (RunSummary.ReceiptDigest r : summary.receipts()) {
            assertThat(r.sha256()).as(r.path()).isEqualTo(sha256(receipts.resolve(r.path())));
        }
    }

    @Test
    void aReceiptEditedBetweenSessionsIsStillCaughtAfterTheMerge() throws Exception {
        runInSession(EmitsReceiptTestCases.ClassLevelCase.class, Map.of());
        Path summaryFile = receipts.resolve("run-summary.json");
        Path edited = receipts.resolve(RunSummaryFiles.read(summaryFile).receipts().get(0).path());
        Files.writeString(edited, Files.readString(edited).replace("matmul_f32", "matmul_f32_avx512"));

        runInSession(RunSummaryTestCases.MixedOutcomes.class, Map.of());

        assertThat(problems(summaryFile)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(RunSummaryProblem.Kind.MODIFIED);
            assertThat(p.message()).contains(edited.getFileName().toString());
        });
    }

    @Test
    void anUnreadableEarlierSummaryIsReplacedAndItsReceiptsShowAsUnlisted() throws Exception {
        runInSession(EmitsReceiptTestCases.ClassLevelCase.class, Map.of());
        Path summaryFile = receipts.resolve("run-summary.json");
        Files.writeString(summaryFile, "{\"summary_version\": ");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            runInSession(RunSummaryTestCases.MixedOutcomes.class, Map.of());
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("replacing " + summaryFile)
                .contains("malformed JSON").contains("mvn clean");
        RunSummary summary = RunSummaryFiles.read(summaryFile);
        assertThat(summary.sessions()).isEqualTo(1);
        assertThat(summary.counts().total()).isEqualTo(6);
        // the first session's receipts are of this build (one JVM) but no summary records them any more
        assertThat(problems(summaryFile)).extracting(RunSummaryProblem::kind)
                .containsExactly(RunSummaryProblem.Kind.UNRECORDED, RunSummaryProblem.Kind.UNRECORDED,
                        RunSummaryProblem.Kind.UNRECORDED);
    }

    @Test
    void aFixtureThatChangedBetweenSessionsIsAClearErrorThatSaysToClean() throws Exception {
        Map<String, String> first = fixtureVersion("one version of the weights");
        Map<String, String> changed = fixtureVersion("another version of the weights");
        runInSession(RunSummaryTestCases.UsesFixture.class, first);
        Path summaryFile = receipts.resolve("run-summary.json");
        String before = Files.readString(summaryFile);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> runInSession(RunSummaryTestCases.UsesTheChangedFixture.class, changed));

        String oldSha = dev.honestcompute.fixtures.hash.Sha256.of("one version of the weights"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String newSha = dev.honestcompute.fixtures.hash.Sha256.of("another version of the weights"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Honest Compute could not update " + summaryFile
                        + ": its replay block cannot be built: receipt ")
                .hasMessageContaining("field 'fixtures': fixture 'tiny-llama' has sha256 " + newSha)
                .hasMessageContaining("used " + oldSha)
                .hasMessageContaining("receipts an earlier session left in " + receipts)
                .hasMessageEndingWith("clean the receipts directory (mvn clean) and re-run the tests")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(summaryFile).content().isEqualTo(before);
    }

    /**
     * A lockfile with one single-file model "tiny-llama" whose bytes are {@code weights}, fetched into its own cache;
     * returns the configuration parameters that make {@code @RequiresModel} use them.
     */
    private Map<String, String> fixtureVersion(String weights) throws Exception {
        Path dir = Files.createTempDirectory(receipts.getParent(), "fixture-");
        Path source = dir.resolve("model.bin");
        Files.writeString(source, weights);
        Path lockfile = dir.resolve("models.lock.json");
        Files.writeString(lockfile, "{\"schema_version\": 1, \"models\": [{\"name\": \"tiny-llama\", \"tier\": \"ci\", "
                + "\"format\": \"bin\", \"description\": \"d\", \"license\": \"l\", \"files\": [{\"path\": \"model.bin\", "
                + "\"urls\": [\"" + source.toUri() + "\"], \"sha256\": \"" + dev.honestcompute.fixtures.hash.Sha256.of(source)
                + "\", \"size_bytes\": " + Files.size(source) + "}]}]}");
        Path cache = dir.resolve("cache");
        dev.honestcompute.fixtures.fetch.Fetcher.create(dev.honestcompute.fixtures.cache.ModelCache.at(cache),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8))
                .fetch(dev.honestcompute.fixtures.lock.ModelLockfile.read(lockfile).model("tiny-llama").orElseThrow(), false);
        return Map.of(RequiresModel.LOCKFILE_PARAMETER, lockfile.toString(), RequiresModel.CACHE_PARAMETER,
                cache.toString());
    }

    @Test
    void sessionsEndingAtOnceInOneDirectoryLoseNoTest() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> a = pool.submit(() -> runInSession(RunSummaryTestCases.MixedOutcomes.class, Map.of()));
            java.util.concurrent.Future<?> b = pool.submit(() -> runInSession(RunSummaryTestCases.SlowClass.class, Map.of()));
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.counts().total()).isEqualTo(9);
        assertThat(summary.deselectedByRule()).containsOnly(Map.entry("no-gpu", 2L), Map.entry("tier.slow", 3L));
        assertThat(problems(receipts.resolve("run-summary.json"))).isEmpty();
    }

    @Test
    void everyReceiptAndTheSummaryCarryTheBuildIdOfTheRun() throws Exception {
        RunSessions.run(receipts, "20261123T100000.123Z", RunSessions.CLASS_LEVEL);

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.buildId()).isEqualTo("20261123T100000.123Z");
        assertThat(summary.buildIdSource()).isEqualTo("configured");
        assertThat(summary.receipts()).hasSize(3).allSatisfy(r -> assertThat(ReceiptKit.json(receipts.resolve(r.path()))
                .path("build_id").asText()).isEqualTo("20261123T100000.123Z"));
        assertThat(summary.stale()).isEmpty();
    }

    @Test
    void withoutAConfiguredIdTheJvmMakesUpOneForItselfAndSaysSo() throws Exception {
        RunSessions.run(receipts, (String) null, RunSessions.CLASS_LEVEL);

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.buildId()).matches("jvm-\\d{8}T\\d{6}\\.\\d{3}Z-" + ProcessHandle.current().pid());
        assertThat(summary.buildIdSource()).isEqualTo("generated");
        assertThat(ReceiptKit.json(receipts.resolve(summary.receipts().get(0).path())).path("build_id").asText())
                .isEqualTo(summary.buildId());
        // sessions of one JVM are one build: they still merge
        RunSessions.run(receipts, (String) null, RunSessions.MIXED);
        assertThat(RunSummaryFiles.read(receipts.resolve("run-summary.json")).sessions()).isEqualTo(2);
        assertThat(problems(receipts.resolve("run-summary.json"))).isEmpty();
    }

    @Test
    void aRunOfAnotherBuildIsNotMergedItsReceiptsAreStaleAndTheReportDoesNotShowThemAsThisRuns() throws Exception {
        RunSessions.run(receipts, "build-1", RunSessions.CLASS_LEVEL, RunSessions.MIXED);
        // 'mvn test -Dtest=MixedOutcomes' without clean: a new build runs one class into the same directory
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            RunSessions.run(receipts, "build-2", RunSessions.MIXED);
        } finally {
            System.setErr(original);
        }

        Path summaryFile = receipts.resolve("run-summary.json");
        RunSummary summary = RunSummaryFiles.read(summaryFile);
        assertThat(summary.buildId()).isEqualTo("build-2");
        assertThat(summary.sessions()).isEqualTo(1);
        assertThat(summary.counts()).isEqualTo(new RunSummary.Counts(6, 1, 1, 1, 1, 2));
        assertThat(summary.receipts()).singleElement().satisfies(r -> assertThat(r.path()).endsWith("passesWithKernel.json"));
        assertThat(summary.stale()).hasSize(3).allSatisfy(st -> {
            assertThat(st.buildId()).isEqualTo("build-1");
            assertThat(st.test()).contains("ClassLevelCase");
        });
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(summaryFile + " was written by build 'build-1'; this "
                + "session (build 'build-2') starts a new run summary").contains("3 receipt(s) in " + receipts
                + " were not written by this build ('build-2')", "run mvn clean");
        assertThat(problems(summaryFile)).extracting(RunSummaryProblem::kind).containsExactly(
                RunSummaryProblem.Kind.STALE, RunSummaryProblem.Kind.STALE, RunSummaryProblem.Kind.STALE);

        String html = Files.readString(receipts.resolve("index.html"));
        assertThat(html).contains("<table id=\"stale\">").contains("3 stale receipt(s) in the directory that are not "
                + "this run&#39;s").contains("written by another build (build-1)").contains("Run summary: build build-2; "
                + "not signed");
        String tests = html.substring(html.indexOf("<section id=\"tests\">"));
        assertThat(tests).contains("passesWithKernel").doesNotContain("ClassLevelCase");
        assertThat(receipts.resolve("summary.md")).content().contains("### Stale receipts (in the directory, not this "
                + "run's)").contains("| `build-1` |");
    }

    @Test
    void anInvalidBuildIdWritesNoReceiptAndNoSummary() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        TestExecutionSummary platform;
        try {
            platform = RunSessions.run(receipts, "two words", RunSessions.CLASS_LEVEL);
        } finally {
            System.setErr(original);
        }
        assertThat(platform.getTestsFailedCount()).isEqualTo(3);
        assertThat(platform.getFailures().get(0).getException()).hasMessageContaining("Honest Compute writes no receipt "
                + "into " + receipts + ": system property / JUnit configuration parameter 'honestcompute.build.id' = "
                + "'two words' is not a valid build id");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no run summary for this test plan: system property "
                + "/ JUnit configuration parameter 'honestcompute.build.id' = 'two words'");
        assertThat(receipts.resolve("run-summary.json")).doesNotExist();
        assertThat(ReceiptKit.receiptFiles(receipts)).isEmpty();
    }

    @Test
    void theSummaryRecordsWhichTestsEmitReceiptsIncludingOnesThatFailedBeforeTheirBody() throws Exception {
        RunSessions.run(receipts, "build-1", RunSessions.MIXED, EmitsReceiptTestCases.SetUpFailsCase.class.getName(),
                EmitsReceiptTestCases.TemplatesCase.class.getName());

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        assertThat(summary.tests()).filteredOn(t -> t.test().contains("MixedOutcomes"))
                .filteredOn(t -> Boolean.TRUE.equals(t.emitsReceipt())).singleElement()
                .satisfies(t -> assertThat(t.test()).contains("passesWithKernel"));
        assertThat(summary.tests()).filteredOn(t -> t.test().contains("SetUpFailsCase")).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("failed");
            assertThat(t.emitsReceipt()).isTrue();
        });
        long templates = summary.tests().stream().filter(t -> t.test().contains("TemplatesCase")).count();
        assertThat(templates).isGreaterThan(3);
        assertThat(summary.tests()).filteredOn(t -> t.test().contains("TemplatesCase"))
                .allSatisfy(t -> assertThat(t.emitsReceipt()).isTrue());
        assertThat(summary.receipts()).hasSize(1 + 1 + (int) templates);
        assertThat(problems(receipts.resolve("run-summary.json"))).isEmpty();
    }

    @Test
    void aReceiptThatBreaksItsPolicyFailsItsTestAndSaysSoItselfWithoutAStatusMismatch() throws Exception {
        TestExecutionSummary platform = RunSessions.run(receipts, "build-1", RunSessions.MOCK_KERNEL);
        assertThat(platform.getTestsFailedCount()).isEqualTo(1);

        RunSummary summary = RunSummaryFiles.read(receipts.resolve("run-summary.json"));
        // the body passed, but the receipt's own rules failed the test: the receipt records the failure too
        assertThat(summary.receipts()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("failed"));
        assertThat(summary.tests()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("failed"));
        assertThat(problems(receipts.resolve("run-summary.json"))).isEmpty();
    }

    /** Everything the verifier finds wrong with the run of {@code summaryFile}. */
    static List<RunSummaryProblem> problems(Path summaryFile) throws ReceiptReadException {
        return RunSummaryVerifier.verify(summaryFile, null).problems();
    }

    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheLibrarysSessionGuardsOrReleasesTheReceiptsDirectory() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dev.honestcompute.recorder.RecorderAgent.releaseReceiptsDirectory(receipts))
                .isInstanceOf(IllegalCallerException.class)
                .hasMessageContaining("set only by Honest Compute's own test session")
                .hasMessageContaining(RunSummaryTest.class.getName());
    }
}
