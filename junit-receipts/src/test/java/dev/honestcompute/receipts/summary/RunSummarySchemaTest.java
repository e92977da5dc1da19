package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.RunSessions;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.internal.RunSigning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The run summary's shipped JSON Schema, validated with a real draft 2020-12 validator against real summaries. */
class RunSummarySchemaTest {

    @TempDir
    Path tmp;

    private static String resource(String name) {
        try (InputStream in = RunSummarySchemaTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Schema SUMMARY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(resource(RunSummary.SCHEMA_RESOURCE), InputFormat.JSON);
    private static final Schema RECEIPT = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(resource(ReceiptVerifier.SCHEMA_RESOURCE), InputFormat.JSON);

    private static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private Path run() throws Exception {
        Path dir = tmp.resolve("run");
        Path key = Files.writeString(tmp.resolve("key.pem"), RunSigningKey.generate().privateKeyPem());
        RunSessions.run(dir, "build-9", RunSessions.CLASS_LEVEL);
        // a second build leaves the first one's receipts stale, and signs
        RunSessions.run(dir, Map.of(RunSummary.BUILD_ID_PARAMETER, "build-10", RunSigning.KEY_FILE_PARAMETER,
                key.toString()), RunSessions.MIXED);
        return dir.resolve(RunSummary.FILE_NAME);
    }

    private List<String> errorsAfter(Path summary, Consumer<ObjectNode> change) throws IOException {
        ObjectNode tree = SummaryEdits.tree(summary);
        change.accept(tree);
        return errors(SUMMARY, ReceiptJson.text(tree));
    }

    @Test
    void theDocsCopyIsTheShippedSchema() throws IOException {
        Path docs = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && docs == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/run-summary-schema-1.1.0.json"))) {
                docs = p.resolve("docs/run-summary-schema-1.1.0.json");
            }
        }
        assertThat(docs).as("docs/run-summary-schema-1.1.0.json above " + Path.of("").toAbsolutePath()).isNotNull();
        assertThat(Files.readString(docs)).isEqualTo(resource(RunSummary.SCHEMA_RESOURCE));
        assertThat(resource(RunSummary.SCHEMA_RESOURCE)).contains("\"$schema\": \"https://json-schema.org/draft/2020-12"
                + "/schema\"");
    }

    @Test
    void aRealSignedSummaryWithStaleReceiptsAndItsReceiptsValidate() throws Exception {
        Path summary = run();
        RunSummary read = RunSummaryFiles.read(summary);
        assertThat(read.signature()).isNotNull();
        assertThat(read.stale()).hasSize(3);
        assertThat(errors(SUMMARY, Files.readString(summary))).isEmpty();
        String receipt = Files.readString(summary.getParent().resolve(read.receipts().get(0).path()));
        assertThat(errors(RECEIPT, receipt)).isEmpty();
        assertThat(errors(RECEIPT, receipt.replace("\"build-10\"", "\"two words\""))).anyMatch(e -> e.contains("/build_id"));
    }

    @Test
    void wrongTypesMissingFieldsAndForeignVersionsAreRejected() throws Exception {
        Path summary = run();
        assertThat(errorsAfter(summary, s -> s.remove("build_id"))).anyMatch(e -> e.contains("build_id"));
        assertThat(errorsAfter(summary, s -> s.put("summary_version", "2.0.0"))).anyMatch(e -> e.contains("/summary_version"));
        assertThat(errorsAfter(summary, s -> s.put("build_id_source", "guessed"))).anyMatch(e -> e.contains("/build_id_source"));
        assertThat(errorsAfter(summary, s -> ((ObjectNode) s.path("counts")).put("passed", -1)))
                .anyMatch(e -> e.contains("/counts/passed"));
        assertThat(errorsAfter(summary, s -> ((ObjectNode) s.path("tests").get(0)).put("status", "green")))
                .anyMatch(e -> e.contains("/tests/0/status"));
        assertThat(errorsAfter(summary, s -> ((ObjectNode) s.path("receipts").get(0)).put("path", "../../etc/passwd")))
                .anyMatch(e -> e.contains("/receipts/0/path"));
        assertThat(errorsAfter(summary, s -> ((ObjectNode) s.path("receipts").get(0)).put("sha256", "abc")))
                .anyMatch(e -> e.contains("/receipts/0/sha256"));
        assertThat(errorsAfter(summary, s -> ((ObjectNode) s.path("signature")).put("algorithm", "RSA")))
                .anyMatch(e -> e.contains("/signature/algorithm"));
        assertThat(errorsAfter(summary, s -> ((ArrayNode) s.path("tests")).addObject().put("status", "passed")))
                .anyMatch(e -> e.contains("test"));
    }
}
