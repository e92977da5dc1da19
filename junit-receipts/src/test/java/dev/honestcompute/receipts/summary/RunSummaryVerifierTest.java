package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.RunSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.honestcompute.receipts.summary.RunSummaryProblem.Kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A real run (two test classes in one launcher session, four receipts), then one edit at a time, each of which the
 * verifier must report: the summary is checked against itself and against the receipts beside it.
 */
class RunSummaryVerifierTest {

    @TempDir
    Path dir;
    Path summary;

    @BeforeEach
    void run() {
        RunSessions.run(dir, "build-1", RunSessions.CLASS_LEVEL, RunSessions.MIXED);
        summary = dir.resolve(RunSummary.FILE_NAME);
    }

    private List<RunSummaryProblem> problems() throws ReceiptReadException {
        return RunSummaryVerifier.verify(summary, null).problems();
    }

    private String testOf(String receiptFile) throws Exception {
        return SummaryEdits.entry(SummaryEdits.tree(summary), receiptFile).path("test").asText();
    }

    @Test
    void aRealRunIsCompleteAndConsistent() throws Exception {
        RunSummaryVerification v = RunSummaryVerifier.verify(summary, null);
        assertThat(v.problems()).isEmpty();
        assertThat(v.ok()).isTrue();
        assertThat(v.summary().buildId()).isEqualTo("build-1");
        assertThat(v.summary().buildIdSource()).isEqualTo("configured");
        assertThat(v.summary().counts()).isEqualTo(new RunSummary.Counts(9, 4, 1, 1, 1, 2));
        assertThat(v.summary().receipts()).hasSize(4);
        assertThat(v.summary().tests()).filteredOn(t -> Boolean.TRUE.equals(t.emitsReceipt())).hasSize(4);
        assertThat(v.signature().outcome()).isEqualTo(RunSignature.Outcome.NOT_SIGNED);
        assertThat(v.signature().message()).isEqualTo("not signed");
    }

    @Test
    void countsThatContradictTheTestsAreReportedPerCount() throws Exception {
        SummaryEdits.edit(summary, s -> {
            ObjectNode counts = (ObjectNode) s.path("counts");
            counts.put("passed", 7).put("total", 12);
        });

        assertThat(problems()).extracting(RunSummaryProblem::path).containsExactly("counts.total", "counts.passed");
        assertThat(problems().get(1).message()).contains("counts.passed is 7 but there are 4 passed tests in tests[]",
                "re-run the tests");
    }

    @Test
    void skippedAndDeselectedListsMustMatchTheTests() throws Exception {
        SummaryEdits.edit(summary, s -> {
            ((ArrayNode) s.path("skipped")).removeAll();
            ((ObjectNode) s.path("deselected_by_rule")).put("no-gpu", 5);
        });

        assertThat(problems()).extracting(RunSummaryProblem::path).containsExactly("skipped", "deselected_by_rule");
        assertThat(problems().get(1).message()).contains("deselected_by_rule is {no-gpu=5} but tests[] gives {no-gpu=2}");
    }

    @Test
    void aTestStatusThatCannotFollowItsReceiptIsReportedEvenWithTheCountsFixed() throws Exception {
        String test = testOf("first.json");
        SummaryEdits.edit(summary, s -> {
            SummaryEdits.test(s, test).put("status", "skipped");
            SummaryEdits.recount(s);
        });

        assertThat(problems()).extracting(RunSummaryProblem::kind).contains(Kind.STATUS_MISMATCH);
        assertThat(problems()).filteredOn(p -> p.kind() == Kind.STATUS_MISMATCH).singleElement().satisfies(p ->
                assertThat(p.message()).contains("records status 'passed' for test '" + test + "' but tests[] says "
                        + "'skipped'", "a test that passed cannot end skipped"));
    }

    @Test
    void aFlippedReceiptStatusDisagreesWithTheReceiptAndTheTest() throws Exception {
        SummaryEdits.edit(summary, s -> SummaryEdits.entry(s, "second.json").put("status", "failed"));

        assertThat(problems()).extracting(RunSummaryProblem::kind)
                .containsExactlyInAnyOrder(Kind.STATUS_MISMATCH, Kind.RECEIPT_MISMATCH);
        assertThat(problems()).filteredOn(p -> p.kind() == Kind.RECEIPT_MISMATCH).singleElement().satisfies(p ->
                assertThat(p.message()).contains("second.json records status 'passed'", "records 'failed'",
                        "the summary's entry was edited"));
    }

    @Test
    void anEmitsReceiptTestWhoseReceiptWasRemovedWithItsEntryIsReported() throws Exception {
        String test = testOf("second.json");
        Path file = dir.resolve(SummaryEdits.entry(SummaryEdits.tree(summary), "second.json").path("path").asText());
        Files.delete(file);
        SummaryEdits.edit(summary, s -> SummaryEdits.remove((ArrayNode) s.path("receipts"),
                SummaryEdits.entry(s, "second.json")));
        SummaryEdits.recomputeReplay(summary);

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TEST_WITHOUT_RECEIPT);
            assertThat(p.path()).isEqualTo(test);
            assertThat(p.message()).contains("is annotated @EmitsReceipt and passed, but the summary lists no receipt");
        });
    }

    @Test
    void aReceiptWhoseTestWasRemovedIsReported() throws Exception {
        String test = testOf("nested.json");
        SummaryEdits.edit(summary, s -> {
            SummaryEdits.remove((ArrayNode) s.path("tests"), SummaryEdits.test(s, test));
            SummaryEdits.recount(s);
        });

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.RECEIPT_WITHOUT_TEST);
            assertThat(p.message()).contains("nested.json' belongs to test '" + test + "', which tests[] does not list");
        });
    }

    @Test
    void duplicatesAndUnknownStatusesAreReported() throws Exception {
        SummaryEdits.edit(summary, s -> {
            ArrayNode tests = (ArrayNode) s.path("tests");
            tests.add(tests.get(0).deepCopy());
            ((ObjectNode) tests.get(1)).put("status", "green");
            ArrayNode receipts = (ArrayNode) s.path("receipts");
            receipts.add(receipts.get(0).deepCopy());
        });

        assertThat(problems()).extracting(RunSummaryProblem::kind).contains(Kind.DUPLICATE, Kind.UNKNOWN_STATUS);
        assertThat(problems()).filteredOn(p -> p.kind() == Kind.UNKNOWN_STATUS).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("has status 'green'"));
        assertThat(problems()).filteredOn(p -> p.kind() == Kind.DUPLICATE).hasSize(2);
    }

    @Test
    void aCorruptedReplayHashIsReported() throws Exception {
        SummaryEdits.edit(summary, s -> ((ObjectNode) s.path("replay")).put("result_sha256", "0".repeat(64)));

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REPLAY_MISMATCH);
            assertThat(p.message()).contains("replay result_sha256 differ(s) from the block recomputed from the listed "
                    + "receipts");
        });
        SummaryEdits.edit(summary, s -> s.remove("replay"));
        assertThat(problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("replay is missing"));
    }

    @Test
    void aSummaryOfAnUnknownMajorVersionIsRefusedAndANewerMinorIsRead() throws Exception {
        SummaryEdits.edit(summary, s -> s.put("summary_version", "9.9.9"));
        assertThat(catchThrowable(this::problems)).isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining(summary + ": field 'summary_version' is '9.9.9', major 9; this Honest Compute "
                        + "reads run summaries of major 1 only");

        SummaryEdits.edit(summary, s -> s.put("summary_version", "one"));
        assertThat(catchThrowable(this::problems)).hasMessageContaining("expected MAJOR.MINOR.PATCH");

        SummaryEdits.edit(summary, s -> s.put("summary_version", "1.7.0"));
        assertThat(problems()).isEmpty();
    }

    @Test
    void aSummaryWithoutABuildIdIsReported() throws Exception {
        SummaryEdits.edit(summary, s -> s.remove("build_id"));

        assertThat(problems()).extracting(RunSummaryProblem::kind).containsExactly(Kind.MISSING_BUILD_ID);
    }

    @Test
    void aReceiptOfAnotherBuildListedAsThisRunsIsReported() throws Exception {
        Path first = dir.resolve(SummaryEdits.entry(SummaryEdits.tree(summary), "first.json").path("path").asText());
        SummaryEdits.edit(first, r -> r.put("build_id", "build-0"));
        SummaryEdits.rehash(summary, first);

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.RECEIPT_MISMATCH);
            assertThat(p.message()).contains("first.json was written by build 'build-0' but", "is the summary of "
                    + "build 'build-1'");
        });
    }

    @Test
    void anEditedAndRehashedReceiptIsCaughtByTheReplayBlock() throws Exception {
        Path first = dir.resolve(SummaryEdits.entry(SummaryEdits.tree(summary), "first.json").path("path").asText());
        SummaryEdits.replaceInFile(first, "\"matmul_f32\"", "\"matmul_f32_avx512\"");
        assertThat(problems()).extracting(RunSummaryProblem::kind).containsExactly(Kind.MODIFIED);

        SummaryEdits.rehash(summary, first);
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REPLAY_MISMATCH);
            assertThat(p.message()).contains("result_sha256");
        });

        // Whoever can rewrite the files can also redo the replay block: an unsigned summary cannot catch that
        // (docs/ci.md says so); a signed one can (RunSummarySigningTest).
        SummaryEdits.recomputeReplay(summary);
        assertThat(problems()).isEmpty();
    }

    @Test
    void staleAndUnrecordedReceiptsAreToldApartAndProblemsPerKindAreCapped() throws Exception {
        Path first = dir.resolve(SummaryEdits.entry(SummaryEdits.tree(summary), "first.json").path("path").asText());
        String receipt = Files.readString(first);
        Path old = Files.createDirectories(dir.resolve("com.acme.Old"));
        for (int i = 0; i < RunSummaryVerifier.MAX_PER_KIND + 5; i++) {
            Files.writeString(old.resolve("t" + i + ".json"), receipt.replace("\"build-1\"", "\"build-0\"")
                    .replace("first()", "t" + i + "()"));
        }
        Files.writeString(old.resolve("crashed.json"), receipt.replace("first()", "crashed()"));
        Files.writeString(old.resolve("notes.json"), "[1, 2]");

        List<RunSummaryProblem> problems = problems();

        assertThat(problems).filteredOn(p -> p.kind() == Kind.STALE).hasSize(RunSummaryVerifier.MAX_PER_KIND + 1);
        assertThat(problems).filteredOn(p -> p.kind() == Kind.STALE).last().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).isEqualTo("... and 5 more STALE problem(s), not listed: each kind lists its first "
                    + RunSummaryVerifier.MAX_PER_KIND);
        });
        assertThat(problems).filteredOn(p -> p.kind() == Kind.STALE).first().satisfies(p ->
                assertThat(p.message()).contains("a stale receipt of build 'build-0'", "not of this run's build "
                        + "'build-1'", "run mvn clean"));
        assertThat(problems).filteredOn(p -> p.kind() == Kind.UNRECORDED).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("com.acme.Old/crashed.json");
            assertThat(p.message()).contains("a receipt of this build (build-1", "crashed or was killed");
        });
        assertThat(problems).filteredOn(p -> p.kind() == Kind.UNLISTED).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("com.acme.Old/notes.json"));
    }
}
