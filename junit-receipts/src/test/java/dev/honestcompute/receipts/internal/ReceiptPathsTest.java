package dev.honestcompute.receipts.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptPathsTest {

    private static final Path DIR = Path.of("/r");

    @Test
    void plainMethodIsNamedAfterTheMethod() {
        assertThat(ReceiptPaths.receiptPath(DIR, "com.acme.MatmulTest", "multiplies", true, "multiplies()",
                "[engine:junit-jupiter]/[class:com.acme.MatmulTest]/[method:multiplies()]"))
                .isEqualTo(Path.of("/r/com.acme.MatmulTest/multiplies.json"));
    }

    @Test
    void templateInvocationsGetIndexDisplayNameAndHash() {
        String a = ReceiptPaths.fileName("squares", false, "[1] input a/b",
                "[engine:junit-jupiter]/[class:X]/[test-template:squares(String)]/[test-template-invocation:#1]");
        String b = ReceiptPaths.fileName("squares", false, "[1] input a/b",
                "[engine:junit-jupiter]/[class:X]/[test-template:squares(String)]/[test-template-invocation:#2]");
        assertThat(a).matches("squares-1-_1_input_a_b-[0-9a-f]{8}\\.json");
        assertThat(b).startsWith("squares-2-").isNotEqualTo(a);
    }

    @Test
    void dynamicTestsCarryTheirIndexPath() {
        String name = ReceiptPaths.fileName("dynamic", false, "same name",
                "[engine:junit-jupiter]/[class:X]/[test-factory:dynamic()]/[dynamic-container:#2]/[dynamic-test:#1]");
        assertThat(name).matches("dynamic-2\\.1-same_name-[0-9a-f]{8}\\.json");
    }

    @Test
    void sanitizeNeverEscapesTheDirectoryOrProducesSpecialNames() {
        assertThat(ReceiptPaths.sanitize("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(ReceiptPaths.sanitize("..")).isEqualTo("_.");
        assertThat(ReceiptPaths.sanitize(".")).isEqualTo("_");
        assertThat(ReceiptPaths.sanitize("")).isEqualTo("_");
        assertThat(ReceiptPaths.sanitize(null)).isEqualTo("_");
        assertThat(ReceiptPaths.sanitize("a\\b:c*d?e\"f<g>h|i\u0000j")).isEqualTo("a_b_c_d_e_f_g_h_i_j");
        assertThat(ReceiptPaths.sanitize("CON")).isEqualTo("_CON");
        assertThat(ReceiptPaths.sanitize("nul.txt")).isEqualTo("_nul.txt");
        assertThat(ReceiptPaths.sanitize("Outer$Inner")).isEqualTo("Outer_Inner");
    }

    @Test
    void unicodeIsNormalizedBeforeReplacingSoEquivalentNamesMatch() {
        String composed = "\u00fc";
        String decomposed = "u\u0308";
        assertThat(ReceiptPaths.sanitize(composed)).isEqualTo(ReceiptPaths.sanitize(decomposed));
    }

    @Test
    void longNamesAreCutButStayUnique() {
        String a = ReceiptPaths.sanitize("x".repeat(400) + "a");
        String b = ReceiptPaths.sanitize("x".repeat(400) + "b");
        assertThat(a).hasSize(ReceiptPaths.MAX_SEGMENT_CHARS);
        assertThat(a).isNotEqualTo(b);
        String file = ReceiptPaths.fileName("m", false, "d".repeat(500),
                "[engine:junit-jupiter]/[class:X]/[test-template:m()]/[test-template-invocation:#7]");
        assertThat(file.length()).isLessThan(255);
    }
}
