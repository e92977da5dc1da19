package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceSummaryTest {

    @TempDir
    Path dir;

    private ObjectNode receipt(String method, Measurement m, BaselineComparison c) {
        ObjectNode r = Baselines.receipt("com.acme.T", method, List.of(m));
        r.set("performance", ReceiptJson.mapper().valueToTree(PerformanceReport.of(List.of(m), List.of(c),
                RegressionPolicy.defaults(), dir.toString(), List.of())));
        return r;
    }

    @Test
    void collectsVerdictsAndWarningsPerTest() throws Exception {
        Baselines.write(dir, "com.acme.T", "fast", "matmul", "rows", Hosts.current(), 1e-9, 1e-9, 1e-9);
        Matmul matmul = new Matmul(16, 1);
        Measurement m = PerfRecorder.create(0, 3).unit("rows").measure("matmul", matmul::multiply);
        RegressionCheck check = new RegressionCheck(new BaselineStore(dir), RegressionPolicy.defaults());
        BaselineComparison regression = check.compare("com.acme.T", "fast", m);
        BaselineComparison none = check.compare("com.acme.T", "other", m);
        Receipt plain = Receipt.parse("{\"schema_version\": \"1.0.0\"}", "plain.json");

        PerformanceSummary s = PerformanceSummary.of(List.of(Receipt.of(receipt("fast", m, regression), "a"),
                Receipt.of(receipt("other", m, none), "b"), plain));

        assertThat(s.measuredTests()).isEqualTo(2);
        assertThat(s.verdicts()).containsEntry("REGRESSION", 1).containsEntry("NO_BASELINE", 1);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("[engine:junit-jupiter]/[class:com.acme.T]/[method:fast()]: matmul: median")
                .contains("-> regression"));
        assertThat(ReceiptJson.mapper().valueToTree(s).path("verdicts").path("REGRESSION").asInt()).isEqualTo(1);
    }
}
