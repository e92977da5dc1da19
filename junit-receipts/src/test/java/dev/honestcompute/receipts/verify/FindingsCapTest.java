package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The findings cap: the first {@value Findings#MAX_PER_RULE} violations of each rule, then one line counting the rest. */
class FindingsCapTest {

    @Test
    void eachRuleListsItsFirstViolationsAndCountsTheRest() {
        Findings f = new Findings();
        for (int i = 0; i < 1_000_000; i++) {
            f.error(ReceiptRule.KERNELS_NOT_OBSERVED, "/kernels/" + i, JsonNodeFactory.instance.textNode("k" + i),
                    "kernel 'k" + i + "' is declared, not observed");
        }
        f.warning(ReceiptRule.DUPLICATE_KERNEL, "/kernels/3", null, "repeats");

        List<Violation> v = f.violations();
        assertThat(v).hasSize(Findings.MAX_PER_RULE + 2);
        assertThat(v.subList(0, Findings.MAX_PER_RULE)).extracting(Violation::field)
                .startsWith("/kernels/0", "/kernels/1").endsWith("/kernels/" + (Findings.MAX_PER_RULE - 1));
        assertThat(v.get(Findings.MAX_PER_RULE).ruleId()).isEqualTo("HC010");
        Violation more = v.get(Findings.MAX_PER_RULE + 1);
        assertThat(more.ruleId()).isEqualTo("HC015");
        assertThat(more.isError()).isTrue();
        assertThat(more.message()).isEqualTo("... and " + (1_000_000 - Findings.MAX_PER_RULE) + " more HC015 "
                + "violation(s) in this receipt, not listed: each rule lists its first " + Findings.MAX_PER_RULE);
        assertThat(more.remedy()).isEqualTo(ReceiptRule.KERNELS_NOT_OBSERVED.remedy());
    }

    @Test
    void aHugeFoundValueIsRenderedFromItsFirstCharactersOnly() {
        ArrayNode huge = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 2_000_000; i++) {
            huge.add("kernel_" + i);
        }
        long before = System.nanoTime();
        String rendered = Findings.render(huge);
        assertThat(rendered).startsWith("[\"kernel_0\",\"kernel_1\",").endsWith("... (truncated, 2000000 entries)")
                .hasSizeLessThan(260);
        assertThat(System.nanoTime() - before).as("nanoseconds to render").isLessThan(1_000_000_000L);
        assertThat(Findings.render(JsonNodeFactory.instance.textNode("x".repeat(300))))
                .endsWith("... (302 chars)").hasSize(200 + "... (302 chars)".length());
        assertThat(Findings.render(JsonNodeFactory.instance.arrayNode().add(1).add(2))).isEqualTo("[1,2]");
        assertThat(Findings.render(null)).isEqualTo(Findings.ABSENT);
    }
}
