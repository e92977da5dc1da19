package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.honestcompute.receipts.replay.ReplayReceipts.tree;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayCliTest {

    private static final String M1 = "[engine:junit-jupiter]~1[class:com.acme.T]~1[method:m1()]";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return ReplayCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A receipts directory as target/receipts looks after a run. */
    private Path receipts(String name, String m1Status, String m1Kernel, long nanos) throws Exception {
        Path d = dir.resolve(name);
        ReceiptJson.write(d.resolve("com.acme.T").resolve("m1.json"), tree("m1", m1Status, m1Kernel, nanos));
        ReceiptJson.write(d.resolve("com.acme.T").resolve("m2.json"), tree("m2", "passed", "k.scalar", nanos + 1));
        return d;
    }

    private Path summary(String name, Path receipts) throws Exception {
        ObjectNode s = ReceiptJson.mapper().createObjectNode();
        s.put("started_at", name);
        s.set("replay", ReplayBlock.fromDirectory(receipts, Map.of("honestcompute.backend", "cpu")).toJson());
        Path file = dir.resolve(name + "-run-summary.json");
        ReceiptJson.write(file, s);
        return file;
    }

    @Test
    void identicalRunsWithDifferentTimingsAreEquivalent() throws Exception {
        Path a = receipts("a", "passed", "k.simd", 100);
        Path b = receipts("b", "passed", "k.simd", 987);
        Path comparison = dir.resolve("out").resolve("comparison.json");

        assertThat(run("compare", a.toString(), b.toString(), "--out", comparison.toString())).isZero();
        JsonNode c = ReceiptJson.readObject(comparison);
        assertThat(c.path("status").asText()).isEqualTo("match");
        assertThat(c.path("equivalent").asBoolean()).isTrue();
        assertThat(c.path("mismatches")).isEmpty();
        assertThat(c.path("a").path("plan_sha256").asText()).isEqualTo(c.path("b").path("plan_sha256").asText());

        assertThat(run("compare", summary("sa", a).toString(), summary("sb", b).toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\" : \"match\"");
    }

    @Test
    void functionalDifferencesExit2AndListEveryPath() throws Exception {
        Path a = summary("sa", receipts("a", "passed", "k.simd", 1));
        Path b = summary("sb", receipts("b", "failed", "k.scalar", 1));
        Path comparison = dir.resolve("comparison.json");

        assertThat(run("compare", a.toString(), b.toString(), "--out", comparison.toString()))
                .isEqualTo(ReplayCli.MISMATCH);

        JsonNode c = ReceiptJson.readObject(comparison);
        assertThat(c.path("status").asText()).isEqualTo("mismatch");
        assertThat(c.path("mismatches").findValuesAsText("path"))
                .containsExactly("/results/" + M1 + "/kernels/0", "/results/" + M1 + "/status");
        assertThat(c.path("mismatches").get(1).path("a").asText()).isEqualTo("passed");
        assertThat(c.path("mismatches").get(1).path("b").asText()).isEqualTo("failed");
        assertThat(err()).contains("mismatch at /results/" + M1 + "/status");
    }

    @Test
    void planDifferencesAreMismatches() throws Exception {
        Path a = receipts("a", "passed", "k.simd", 1);
        Path b = dir.resolve("b");
        ReceiptJson.write(b.resolve("m1.json"), tree("m1", "passed", "k.simd", 1));

        assertThat(run("compare", a.toString(), b.toString())).isEqualTo(ReplayCli.MISMATCH);
        JsonNode c = ReceiptJson.mapper().readTree(out.toByteArray());
        assertThat(c.path("mismatches").findValuesAsText("path")).contains("/replay/plan/tests/1");
    }

    @Test
    void editedHashesAndBadInputsAreInvalid() throws Exception {
        Path good = summary("sa", receipts("a", "passed", "k.simd", 1));
        ObjectNode tampered = ReceiptJson.readObject(good);
        ((ObjectNode) tampered.path("replay").path("results").get(0)).put("status", "failed");
        Path edited = dir.resolve("edited.json");
        ReceiptJson.write(edited, tampered);

        assertThat(run("compare", good.toString(), edited.toString())).isEqualTo(2);
        assertThat(err()).contains(edited + " field 'replay.result_sha256': declared ")
                .contains("but the result projection of 'results' hashes to");

        Path missing = dir.resolve("missing.json");
        assertThat(run("compare", good.toString(), missing.toString())).isEqualTo(2);
        assertThat(err()).contains(missing.toString()).contains("does not exist");

        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"replay\": [");
        assertThat(run("compare", good.toString(), notJson.toString())).isEqualTo(2);
        assertThat(err()).contains(notJson.toString()).contains("malformed JSON");

        Path noBlock = dir.resolve("nob.json");
        Files.writeString(noBlock, "{\"tests\": []}");
        assertThat(run("compare", good.toString(), noBlock.toString())).isEqualTo(2);
        assertThat(err()).contains(noBlock + " field 'replay': missing");

        ObjectNode badFormat = ReceiptJson.readObject(good);
        ((ObjectNode) badFormat.path("replay")).put("format", "other/9");
        ((ObjectNode) badFormat.path("replay")).put("plan_sha256", "XYZ");
        Path bf = dir.resolve("bf.json");
        ReceiptJson.write(bf, badFormat);
        assertThat(run("compare", bf.toString(), good.toString())).isEqualTo(2);
        assertThat(err()).contains(bf + " field 'replay.format': expected 'honestcompute-replay/1'")
                .contains(bf + " field 'replay.plan_sha256': expected 64 lowercase hex characters, found \"XYZ\"");

        ObjectNode badId = ReceiptJson.readObject(good);
        ((ObjectNode) badId.path("replay").path("results").get(0)).put("id", 42);
        Path bi = dir.resolve("bi.json");
        ReceiptJson.write(bi, badId);
        assertThat(run("compare", good.toString(), bi.toString())).isEqualTo(2);
        assertThat(err()).contains(bi + " field 'replay.results[0].id': expected the test's unique id as a non-blank "
                + "string, found 42");

        ObjectNode twice = ReceiptJson.readObject(good);
        ((ObjectNode) twice.path("replay").path("results").get(1)).put("id",
                twice.path("replay").path("results").get(0).path("id").asText());
        Path tw = dir.resolve("twice.json");
        ReceiptJson.write(tw, twice);
        assertThat(run("compare", good.toString(), tw.toString())).isEqualTo(2);
        assertThat(err()).contains(tw + " field 'replay.results[1].id': expected each test once, found '")
                .contains("' also at results[0]; the block was edited");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThat(run("compare", empty.toString(), good.toString())).isEqualTo(2);
        assertThat(err()).contains("no test receipts found");

        assertThat(run("compare", good.toString())).isEqualTo(2);
        assertThat(err()).contains("expected two inputs, got 1");
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("usage: replay compare")
                .contains("exit codes: compare 0 equivalent, 2 a mismatch, an invalid input or bad usage");
        assertThat(run("compare", good.toString(), good.toString(), "--bogus")).isEqualTo(2);
        assertThat(err()).contains("unknown option '--bogus'");
    }

    @Test
    void blockCommandComputesTheBlockFromReceipts() throws Exception {
        Path a = receipts("a", "passed", "k.simd", 1);
        Path file = dir.resolve("replay.json");

        assertThat(run("block", a.toString(), "--config", "honestcompute.backend=cpu", "--out", file.toString()))
                .isZero();
        JsonNode block = ReceiptJson.readObject(file);
        assertThat(block.path("plan").path("config").path("honestcompute.backend").asText()).isEqualTo("cpu");
        assertThat(block.path("results")).hasSize(2);
        // A bare block is itself a valid compare input.
        assertThat(run("compare", file.toString(), summary("sa", a).toString())).isZero();

        assertThat(run("block", a.toString(), "--config", "novalue")).isEqualTo(2);
        assertThat(err()).contains("must be key=value");
    }
}
