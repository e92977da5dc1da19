package dev.honestcompute.receipts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptTest {


    @TempDir
    Path dir;

    @Test
    void readsBitnetReceiptAndKeepsEveryFieldOnRoundTrip() throws Exception {
        Path source = BitnetReceipts.quantizedCpuRun();
        Receipt receipt = Receipt.read(source);

        assertThat(receipt.schemaVersion()).contains("1.0.0");
        assertThat(receipt.computePath()).contains("real");
        assertThat(receipt.kernels()).containsExactly("i2s_gemv_neon", "tl1_lut_matmul", "rmsnorm_f32", "rope_apply");
        assertThat(receipt.test()).isEmpty();

        Path copy = dir.resolve("copy.json");
        receipt.writeTo(copy);
        Receipt again = Receipt.read(copy);
        assertThat(again.tree()).isEqualTo(receipt.tree());
        assertThat(again.get("model_info").path("hidden_size").asInt()).isEqualTo(1536);
        assertThat(again.sha256()).isEqualTo(receipt.sha256()).hasSize(64);
    }

    @Test
    void unknownFieldsSurviveAndTypedViewsAreLenient() throws Exception {
        Receipt receipt = Receipt.parse("""
                {"schema_version":"1.0.0","kernels":["a", 7, "b"],
                 "kernel_stats":[{"id":"a","backend":"cpu","calls":3,"failed_calls":1},{"calls":9}],
                 "x_future_field":{"nested":[1,2,3]}}
                """, "inline");
        assertThat(receipt.kernels()).containsExactly("a", "b");
        assertThat(receipt.kernelStats()).containsExactly(new Receipt.KernelStat("a", "cpu", 3, 1, -1));
        assertThat(Receipt.parse(new String(receipt.bytes(), StandardCharsets.UTF_8), "again")
                .get("x_future_field").path("nested").get(2).asInt()).isEqualTo(3);
    }

    @Test
    void kernelTimeSaysWhetherItCoversEveryCallOrASample() throws Exception {
        Receipt receipt = Receipt.parse("""
                {"schema_version":"1.0.0","kernel_stats":[
                  {"id":"all","backend":"cpu","calls":3,"failed_calls":1,"nanos":400},
                  {"id":"sampled","backend":"cpu","calls":64,"failed_calls":0,"nanos":900,"timed_calls":4},
                  {"id":"off","backend":"cpu","calls":5,"failed_calls":0}]}
                """, "inline");
        assertThat(receipt.kernelStats()).extracting(Receipt.KernelStat::timedCalls).containsExactly(4L, 4L, 0L);
        assertThat(receipt.kernelStats()).extracting(Receipt.KernelStat::sampled).containsExactly(false, true, false);
    }

    @Test
    void malformedJsonNamesFileLineAndRemedy() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema_version\": \"1.0.0\",\n \"kernels\": [\"a\",,]}");
        assertThatThrownBy(() -> Receipt.read(bad))
                .isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("malformed JSON at line 2")
                .hasMessageContaining("re-running the tests");
    }

    @Test
    void rejectsNonObjectsDuplicatesTrailingGarbageAndNaN() {
        assertThatThrownBy(() -> Receipt.parse("[1,2]", "arr.json"))
                .hasMessage("arr.json: expected a JSON object at the top level, found array");
        assertThatThrownBy(() -> Receipt.parse("", "empty.json")).hasMessageContaining("empty.json: empty file");
        assertThatThrownBy(() -> Receipt.parse("{\"a\":1,\"a\":2}", "dup.json"))
                .hasMessageContaining("dup.json: malformed JSON").hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Receipt.parse("{\"a\":1} {}", "trail.json"))
                .hasMessageContaining("trail.json: malformed JSON");
        assertThatThrownBy(() -> Receipt.parse("{\"tokens_per_second\": NaN}", "nan.json"))
                .hasMessageContaining("nan.json: malformed JSON");
    }

    @Test
    void deepNestingHitsTheExplicitLimit() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> Receipt.parse(deep, "deep.json"))
                .isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining("deep.json: exceeds a parser limit (nesting depth 64");
    }

    @Test
    void oneGigabyteFileIsRejectedBeforeReading() throws Exception {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: no disk space used
        }
        assertThatThrownBy(() -> Receipt.read(huge))
                .isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining("huge.json: file is 1073741824 bytes, larger than the 67108864-byte limit");
    }

    @Test
    void missingFileSaysWhereReceiptsComeFrom() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> Receipt.read(missing))
                .hasMessageContaining("nope.json: file does not exist")
                .hasMessageContaining("@EmitsReceipt");
    }

    @Test
    void writesAtomicallyWithoutLeavingTemporaryFiles() throws Exception {
        Receipt receipt = Receipt.parse("{\"schema_version\":\"1.0.0\"}", "x");
        Path target = dir.resolve("sub/r.json");
        receipt.writeTo(target);
        receipt.writeTo(target);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
        assertThat(Files.readString(target)).endsWith("}\n");
    }
}
