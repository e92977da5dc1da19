package dev.honestcompute.docs;

import dev.honestcompute.fixtures.fetch.FetchException;
import dev.honestcompute.fixtures.lock.ModelLockfile;
import dev.honestcompute.parity.ParityEvaluator;
import dev.honestcompute.parity.reference.ContainerParityUnavailableException;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.determinism.NondeterminismError;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.MockComputeLeakError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/troubleshooting.md} complete: every verifier rule has an entry, every public exception and error
 * type of the library modules is named, every in-page link lands on a heading. The rule ids come from
 * {@link ReceiptRule#values()} and the types from scanning the library modules' jars (or class directories), so a new
 * rule or exception fails this test until the page explains it.
 */
class TroubleshootingCoverageTest {

    static final Path PAGE = Path.of("troubleshooting.md");

    /** One class of each library module; the scan covers the jar or class directory each was loaded from. */
    static final List<Class<?>> MODULE_ANCHORS = List.of(KernelRecorder.class, ModelLockfile.class,
            ReceiptVerifier.class, ParityEvaluator.class);

    private static String page;

    @BeforeAll
    static void readPage() throws IOException {
        page = Files.readString(PAGE);
    }

    @Test
    void everyVerifierRuleHasAnEntry() {
        assertThat(TroubleshootingCoverage.missingRules(page, Arrays.asList(ReceiptRule.values())))
                .as("verifier rules without an entry in %s", PAGE.toAbsolutePath()).isEmpty();
    }

    @Test
    void everyPublicThrowableOfTheLibraryIsNamed() throws IOException {
        List<Class<?>> types = TroubleshootingCoverage.libraryThrowables(MODULE_ANCHORS);
        assertThat(TroubleshootingCoverage.unnamedThrowables(page, types))
                .as("library exception types not named in %s", PAGE.toAbsolutePath()).isEmpty();
    }

    @Test
    void noEntryNamesARuleThatDoesNotExist() {
        assertThat(TroubleshootingCoverage.unknownRuleIds(page)).as("stale rule entries in %s", PAGE.toAbsolutePath())
                .isEmpty();
    }

    @Test
    void everyInPageLinkLandsOnAHeading() {
        assertThat(TroubleshootingCoverage.brokenAnchors(page)).as("broken links in %s", PAGE.toAbsolutePath())
                .isEmpty();
    }

    // ---- the checks can fail ----------------------------------------------------------------------------------

    @Test
    void theScanFindsThrowablesOfEveryModuleAndOnlyPublicOnes() throws IOException {
        List<Class<?>> types = TroubleshootingCoverage.libraryThrowables(MODULE_ANCHORS);

        assertThat(types).contains(MockComputeLeakError.class, FetchException.class, NondeterminismError.class,
                ContainerParityUnavailableException.class);
        assertThat(types).extracting(Class::getName)
                .doesNotContain("dev.honestcompute.fixtures.fetch.Fetcher$NotFound") // private nested
                .noneMatch(n -> n.startsWith("dev.honestcompute.recorder.shaded.")); // relocated ByteBuddy
    }

    @Test
    void aPageWithoutARuleEntryIsReportedWithTheRuleIdAndName() {
        String withoutHc017 = page.lines().filter(l -> !l.contains("HC017")).collect(Collectors.joining("\n"));

        assertThat(TroubleshootingCoverage.missingRules(withoutHc017, Arrays.asList(ReceiptRule.values())))
                .singleElement().asString()
                .startsWith("HC017 (FALLBACK_NOT_ALLOWED: " + ReceiptRule.FALLBACK_NOT_ALLOWED.title() + ")")
                .contains("has no entry");
    }

    @Test
    void anEntryThatNoLongerQuotesItsRuleIsReported() {
        String title = ReceiptRule.COMPUTE_PATH_REAL.title();
        String outdated = page.replace("**Rule:** " + title, "**Rule:** compute_path is anything");

        assertThat(outdated).isNotEqualTo(page);
        assertThat(TroubleshootingCoverage.missingRules(outdated, List.of(ReceiptRule.COMPUTE_PATH_REAL)))
                .singleElement().asString().startsWith("HC003 (COMPUTE_PATH_REAL").contains("has a heading");
    }

    @Test
    void aTableRowQuotingTheTitleIsAnEntry() {
        ReceiptRule rule = ReceiptRule.SCHEMA_VERSION;
        String row = "| " + rule.id() + " | " + rule.title() + " |\n";

        assertThat(TroubleshootingCoverage.missingRules(row, List.of(rule))).isEmpty();
        assertThat(TroubleshootingCoverage.missingRules("| " + rule.id() + " | schema |\n", List.of(rule)))
                .singleElement().asString().contains("has no entry");
    }

    @Test
    void aHeadingForAnIdThatIsNoRuleIsReported() {
        assertThat(TroubleshootingCoverage.unknownRuleIds(page + "\n### HC999\n")).singleElement().asString()
                .contains("HC999").contains("no ReceiptRule");
    }

    @Test
    void aThrowableNamedOnlyOutsideCodeSpansIsReported() {
        String plain = page.replace("`FetchException`", "FetchException");

        assertThat(TroubleshootingCoverage.unnamedThrowables(plain, List.of(FetchException.class)))
                .singleElement().asString().startsWith("dev.honestcompute.fixtures.fetch.FetchException is a public "
                        + "exception type");
        assertThat(TroubleshootingCoverage.unnamedThrowables("`FetchExceptionHandler`", List.of(FetchException.class)))
                .hasSize(1);
    }

    @Test
    void aLinkToAMissingHeadingIsReported() {
        String md = "## `model fixture '…', file '…': missing (expected at …)`\n\n"
                + "[ok](#model-fixture--file--missing-expected-at-) [broken](#no-such-entry)\n";

        assertThat(TroubleshootingCoverage.brokenAnchors(md)).containsExactly(
                "link to #no-such-entry matches no heading of troubleshooting.md");
    }
}
