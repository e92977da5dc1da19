package dev.honestcompute.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.honestcompute.receipts.cli.ReceiptsCli;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The receipts verifier as a gate at {@code verify}: every receipt under the receipts directory is checked against
 * the policy, and the run summary against the receipts (every listed receipt present with its SHA-256, none
 * unlisted). A violation fails the build, listing each broken rule with the receipt, the field, what was found and
 * the remedy. It is {@code java -jar junit-receipts-<v>-cli.jar verify DIR}, run inside the build.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends ReceiptsGoal {

    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        if (skipped("verify")) {
            return;
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(json, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
            exit = ReceiptsCli.run(new String[] {"verify", "--policy", policy, "--json", "--",
                    receiptsDirectory.getPath()}, out, err);
        }
        String stderr = errors.toString(StandardCharsets.UTF_8).trim();
        JsonNode result;
        try {
            result = new ObjectMapper().readTree(json.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            result = null;
        }
        if (result == null || !result.isObject()) {
            // bad usage (e.g. an unknown policy): the CLI printed its reason on stderr instead of a JSON result
            throw new MojoFailureException("honest-compute:verify: " + (stderr.isEmpty() ? "the verifier gave no result"
                    + " (exit " + exit + ")" : stderr));
        }
        List<String> lines = describe(result);
        JsonNode counts = result.path("counts");
        String summary = "honest-compute:verify: " + counts.path("receipts").asInt() + " receipt(s) in "
                + receiptsDirectory + " under policy " + policy + ": " + counts.path("passed").asInt() + " passed, "
                + counts.path("failed").asInt() + " failed, " + counts.path("unreadable").asInt() + " unreadable";
        if (exit == ReceiptsCli.EXIT_OK) {
            lines.forEach(getLog()::warn); // warnings of passing receipts
            getLog().info(summary);
            return;
        }
        StringBuilder sb = new StringBuilder(summary);
        for (String l : lines) {
            sb.append(System.lineSeparator()).append(l);
        }
        if (counts.path("receipts").asInt() == 0 && result.path("unreadable").size() > 0) {
            sb.append(System.lineSeparator()).append("Receipts are written by tests annotated @EmitsReceipt run with "
                    + "the recorder agent (honest-compute:prepare-agent); check that the tests ran");
        }
        throw new MojoFailureException(sb.toString());
    }

    /** One block per receipt with violations, each unreadable input, each run-summary problem. */
    static List<String> describe(JsonNode result) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : result.path("results")) {
            if (r.path("violations").isEmpty()) {
                continue;
            }
            out.add(r.path("source").asText() + ": " + (r.path("passed").asBoolean() ? "PASSED with warnings"
                    : "FAILED"));
            for (JsonNode v : r.path("violations")) {
                out.add("  " + v.path("rule_id").asText() + " " + v.path("severity").asText() + " "
                        + v.path("field").asText() + " found " + v.path("found").asText() + ": "
                        + v.path("message").asText() + " (remedy: " + v.path("remedy").asText() + ")");
            }
        }
        for (JsonNode u : result.path("unreadable")) {
            out.add(u.path("source").asText() + ": UNREADABLE: " + u.path("message").asText());
        }
        for (JsonNode s : result.path("run_summaries")) {
            for (JsonNode p : s.path("problems")) {
                out.add(s.path("source").asText() + ": run summary: " + p.asText());
            }
        }
        return out;
    }
}
