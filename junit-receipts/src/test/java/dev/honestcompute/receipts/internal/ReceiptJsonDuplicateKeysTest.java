package dev.honestcompute.receipts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.summary.RunSummaryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every receipt, run summary and other document read through the one shared configuration rejects a key given twice
 * in an object (Jackson's STRICT_DUPLICATE_DETECTION), at any depth: a second value must never silently win.
 */
class ReceiptJsonDuplicateKeysTest {
    @TempDir
    Path tmp;

    @Test
    void aDuplicateKeyAtAnyDepthOfAReceiptIsAnError() throws Exception {
        for (String json : new String[] {
                "{\"compute_path\":\"mock\",\"compute_path\":\"real\"}",
                "{\"kernels\":[\"a\"],\"fixtures\":[{\"name\":\"m\",\"sha256\":\"x\",\"sha256\":\"y\"}]}",
                "{\"a\":{\"b\":{\"c\":1,\"c\":1}}}"}) {
            assertThatThrownBy(() -> ReceiptJson.parseObject(json.getBytes(StandardCharsets.UTF_8), "r.json"))
                    .as(json).isInstanceOf(ReceiptReadException.class)
                    .hasMessageContaining("r.json: malformed JSON at line 1")
                    .hasMessageContaining("Duplicate field '");
        }
        assertThat(ReceiptJson.parseObject("{\"a\":1,\"b\":{\"a\":2}}".getBytes(StandardCharsets.UTF_8), "ok.json")
                .path("b").path("a").asInt()).as("the same key in different objects is fine").isEqualTo(2);
    }

    @Test
    void theSharedMapperItselfRejectsDuplicatesSoNoReaderCanBypassIt() {
        assertThatThrownBy(() -> ReceiptJson.mapper().readTree("{\"a\":1,\"a\":2}"))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void aRunSummaryWithADuplicateKeyIsRejected() throws Exception {
        Path summary = tmp.resolve("run-summary.json");
        Files.writeString(summary, "{\"summary_version\":\"1.0.0\",\"counts\":{\"failed\":3,\"failed\":0}}");
        assertThatThrownBy(() -> RunSummaryFiles.read(summary)).isInstanceOf(ReceiptReadException.class)
                .hasMessageContaining(summary.toString()).hasMessageContaining("Duplicate field 'failed'");
    }
}
