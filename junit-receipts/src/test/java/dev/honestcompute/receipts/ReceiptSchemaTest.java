package dev.honestcompute.receipts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.honestcompute.receipts.internal.ReceiptJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped JSON Schema, validated with a real draft 2020-12 validator (networknt). */
class ReceiptSchemaTest {

    private static final String SCHEMA_TEXT = schemaText();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA_TEXT, InputFormat.JSON);

    private static String schemaText() {
        try (InputStream in = ReceiptVerifier.class.getResourceAsStream(ReceiptVerifier.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ReceiptVerifier.SCHEMA_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).collect(Collectors.toList());
    }

    private static List<String> errorsAfter(Consumer<ObjectNode> change) {
        ObjectNode tree = ReceiptVerifierTest.goodReceipt();
        change.accept(tree);
        return errors(ReceiptJson.text(tree));
    }

    @Test
    void schemaDeclaresDraft202012() {
        assertThat(SCHEMA_TEXT).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    }

    @Test
    void docsCopyIsIdenticalToTheShippedSchema() throws IOException {
        Path docs = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/receipt-schema-1.0.0.json"))) {
                docs = p.resolve("docs/receipt-schema-1.0.0.json");
                break;
            }
        }
        assertThat(docs).as("docs/receipt-schema-1.0.0.json above " + Path.of("").toAbsolutePath()).isNotNull();
        assertThat(Files.readString(docs)).isEqualTo(SCHEMA_TEXT);
    }

    @Test
    void acceptsBothBitnetReferenceReceiptsAndOurLayout() throws IOException {
        assertThat(errors(Files.readString(BitnetReceipts.quantizedCpuRun()))).isEmpty();
        // The mock run is structurally valid: it breaks rules, not the schema.
        assertThat(errors(Files.readString(BitnetReceipts.mockRun()))).isEmpty();
        // as is the receipt BitNet.rs's benchmark command writes (top-level tokens_per_second, model.path)
        assertThat(errors(Files.readString(BitnetReceipts.path("benchmark-cpu.json")))).isEmpty();
        assertThat(errorsAfter(t -> { })).isEmpty();
        assertThat(errorsAfter(t -> t.putObject("x_future_section").put("anything", 1))).isEmpty();
    }

    @Test
    void rejectsWrongTypesAndMissingRequiredFields() {
        assertThat(errorsAfter(t -> t.put("kernels", "matmul"))).anyMatch(e -> e.contains("/kernels"));
        assertThat(errorsAfter(t -> t.withArray("kernels").add(7))).anyMatch(e -> e.contains("/kernels/3"));
        assertThat(errorsAfter(t -> t.put("schema_version", 1))).anyMatch(e -> e.contains("/schema_version"));
        assertThat(errorsAfter(t -> t.put("schema_version", "one"))).anyMatch(e -> e.contains("/schema_version"));
        assertThat(errorsAfter(t -> t.put("compute_path", "simulated"))).anyMatch(e -> e.contains("/compute_path"));
        assertThat(errorsAfter(t -> ((ObjectNode) t.get("test_results")).put("failed", "two")))
                .anyMatch(e -> e.contains("/test_results/failed"));
        assertThat(errorsAfter(t -> ((ObjectNode) t.get("performance_baseline")).put("tokens_per_second", "NaN")))
                .anyMatch(e -> e.contains("/performance_baseline/tokens_per_second"));
        assertThat(errorsAfter(t -> ((ObjectNode) t.withArray("kernel_stats").get(0)).put("calls", 1.5)))
                .anyMatch(e -> e.contains("/kernel_stats/0/calls"));
        assertThat(errorsAfter(t -> ((ObjectNode) t.get("recorder")).put("active", "yes")))
                .anyMatch(e -> e.contains("/recorder/active"));
        assertThat(errorsAfter(t -> ((ObjectNode) t.get("host")).put("cpu_features", "avx2")))
                .anyMatch(e -> e.contains("/host/cpu_features"));
        assertThat(errorsAfter(t -> t.remove("compute_path"))).anyMatch(e -> e.contains("compute_path"));
        assertThat(errors("[]")).isNotEmpty();
    }
}
