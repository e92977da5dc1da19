package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineCliTest {

    private static final String CLASS = "com.acme.MatmulTest";
    private static final String METHOD = "multiplies";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return BaselineCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Three runs' receipts of a real measured matmul, as three copies of target/receipts. */
    private List<Measurement> writeRuns(Path receipts) throws Exception {
        Matmul matmul = new Matmul(32, 7);
        List<Measurement> runs = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Measurement m = PerfRecorder.create(1, 5).unit("rows").measure("matmul", matmul::multiply);
            runs.add(m);
            ReceiptJson.write(receipts.resolve("run" + r).resolve(CLASS).resolve(METHOD + ".json"),
                    Baselines.receipt(CLASS, METHOD, List.of(m)));
        }
        ReceiptJson.write(receipts.resolve("run0").resolve("run-summary.json"),
                ReceiptJson.mapper().createObjectNode().put("format", "summary"));
        return runs;
    }

    @Test
    void updateWritesTheMedianOverRunsAndCompareAcceptsTheSameRuns() throws Exception {
        Path receipts = dir.resolve("receipts");
        Path baselines = dir.resolve("perf-baselines");
        List<Measurement> runs = writeRuns(receipts);

        assertThat(run("update", "--from", receipts.toString(), "--to", baselines.toString())).isZero();
        assertThat(out()).contains("read 4 JSON files (1 without a performance section), wrote 1 baseline files");

        Path file = baselines.resolve(CLASS).resolve(METHOD + ".json");
        PerfBaseline b = BaselineStore.parse(file);
        BaselineMeasurement m = b.measurements().get("matmul");
        double[] runMedians = runs.stream().mapToDouble(x -> Percentiles.median(x.msPerUnitSamples())).toArray();
        assertThat(m.runs()).isEqualTo(3);
        assertThat(m.unit()).isEqualTo("rows");
        assertThat(m.medianMsPerUnit()).isEqualTo(Percentiles.median(runMedians));
        assertThat(m.samplesMsPerUnit()).hasSize(15);
        assertThat(b.host().path("logical_cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());

        assertThat(run("compare", "--receipts", receipts.toString(), "--baselines", baselines.toString(),
                "--gate")).isZero();
        assertThat(out()).contains(CLASS + "#" + METHOD).doesNotContain("regression");
    }

    @Test
    void aSlowedReceiptIsAWarningWithoutGateAndExit1WithGate() throws Exception {
        Path receipts = dir.resolve("receipts");
        Path baselines = dir.resolve("perf-baselines");
        List<Measurement> runs = writeRuns(receipts);
        assertThat(run("update", "--from", receipts.toString(), "--to", baselines.toString())).isZero();

        // Slower than every measured baseline sample by 3x: on a noisy machine a few real samples can be outliers,
        // and the bootstrap (rightly) refuses to call "3x the median" a regression when the spread covers it.
        double slowest = runs.stream().flatMapToDouble(m -> java.util.Arrays.stream(m.msPerUnitSamples())).max()
                .orElseThrow();
        Path slowDir = dir.resolve("slow");
        ObjectNode slow = ReceiptJson.readObject(receipts.resolve("run0").resolve(CLASS).resolve(METHOD + ".json"));
        ArrayNode samples = (ArrayNode) slow.path("performance").path("measurements").get(0).path("samples_ms");
        double rows = samples.get(0).asDouble() / runs.get(0).msPerUnitSamples()[0];
        for (int i = 0; i < samples.size(); i++) {
            samples.set(i, 3 * slowest * rows * (1 + 0.01 * i));
        }
        ReceiptJson.write(slowDir.resolve("slow.json"), slow);

        assertThat(run("compare", "--receipts", slowDir.toString(), "--baselines", baselines.toString())).isZero();
        assertThat(out()).contains("regression").contains("non-gating warning");

        assertThat(run("compare", "--receipts", slowDir.toString(), "--baselines", baselines.toString(), "--gate"))
                .isEqualTo(BaselineCli.REGRESSION);
        assertThat(err()).contains("1 gating regression");
    }

    @Test
    void badInputExits2NamingFileAndField() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("usage: baseline update");
        assertThat(run("update", "--from", "x")).isEqualTo(2);
        assertThat(err()).contains("--from and --to are required");

        Path missing = dir.resolve("nope");
        assertThat(run("update", "--from", missing.toString(), "--to", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err()).contains("receipts directory " + missing + " does not exist");

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("a.json"), "{\"test\": ");
        assertThat(run("update", "--from", broken.toString(), "--to", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err()).contains(broken.resolve("a.json").toString()).contains("malformed JSON");

        Path receipts = dir.resolve("receipts");
        writeRuns(receipts);
        Path r1 = receipts.resolve("run1").resolve(CLASS).resolve(METHOD + ".json");
        ObjectNode other = ReceiptJson.readObject(r1);
        ((ObjectNode) other.path("performance").path("measurements").get(0).path("host")).put("logical_cores", 999);
        ReceiptJson.write(r1, other);
        assertThat(run("update", "--from", receipts.toString(), "--to", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err()).contains("come from different hosts").contains("logical_cores");

        ((ObjectNode) other.path("performance").path("measurements").get(0)).putArray("samples_ms").add(-1.0);
        ReceiptJson.write(r1, other);
        assertThat(run("update", "--from", receipts.toString(), "--to", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err()).contains("receipt " + r1 + " fields '/performance/measurements/0/samples_ms'");

        JsonNode noTest = ReceiptJson.mapper().createObjectNode().set("performance", other.path("performance"));
        ReceiptJson.write(r1, noTest);
        assertThat(run("update", "--from", receipts.toString(), "--to", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err()).contains("receipt " + r1 + " field '/test/class': expected a non-blank string");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThat(run("update", "--from", empty.toString(), "--to", dir.resolve("b").toString())).isEqualTo(2);
        assertThat(err()).contains("has a performance section (0 JSON files read)");
    }

    @Test
    void aBadThresholdNamesTheOptionNotTheConfigurationParameter() {
        for (String bad : new String[] {"abc", "0", "10", "NaN"}) {
            assertThat(run("compare", "--receipts", "r", "--baselines", "b", "--threshold", bad))
                    .isEqualTo(BaselineCli.INVALID);
            assertThat(err()).startsWith("baseline compare: --threshold '" + bad + "' is not a fraction in (0, 10); "
                    + "use e.g. --threshold 0.10 for 10%").doesNotContain("honestcompute.perf.threshold")
                    .contains("usage: baseline update");
        }
    }

    @Test
    void usageGivesTheExitCodesOfBaseline() {
        assertThat(run()).isEqualTo(BaselineCli.INVALID);
        assertThat(err()).contains("exit codes: 0 done (regressions without --gate are only printed), 1 compare "
                + "--gate found a gating regression, 2 bad usage or unusable input");
    }
}
