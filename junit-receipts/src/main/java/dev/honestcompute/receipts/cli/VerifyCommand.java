package dev.honestcompute.receipts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.ReceiptVerification;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.Violation;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.verify.BitnetExitCode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@code verify [--policy default|bitnet|bitnet-strict] [--require-gpu-kernels] [--exit-codes default|bitnet] [--json]
 * PATH...}: verifies receipt files, directories (recursive {@code *.json}) and globs. Exit 0 when every receipt
 * passes, 1 when one breaks a rule, 2 on bad usage or an input that cannot be read; with {@code --exit-codes bitnet}
 * the codes BitNet.rs's {@code xtask verify-receipt} exits with instead ({@link BitnetExitCode}).
 */
final class VerifyCommand implements Subcommand {

    static final String EXIT_CODES = "exit 0 every receipt passed and every run summary is OK, 1 a receipt broke a "
            + "rule or a run summary has problems, 2 an input could not be read or bad usage";

    /** BitNet.rs's codes, for {@code --exit-codes bitnet}. */
    static final String BITNET_EXIT_CODES = "--exit-codes bitnet: exit as BitNet.rs's xtask verify-receipt does: 0 "
            + "passed, 15 the CPU quantized-kernel check failed, 14 any other failure or unreadable input (13, 16, "
            + "17, 130 or 10 when the message contains the words xtask looks for), 2 bad usage; with several inputs, "
            + "the code of the first unreadable one, else of the first failing receipt; 1 a run summary has problems";

    static final String USAGE = "usage: verify [--policy " + String.join("|", ReceiptVerifier.policies())
            + "] [--require-gpu-kernels] [--exit-codes default|bitnet] [--json] PATH...\n"
            + "  PATH: a receipt file, a directory (every *.json under it; run-summary.json is checked separately)"
            + " or a glob such as 'target/receipts/**/*.json'\n"
            + "  --require-gpu-kernels: BitNet.rs's flag (bitnet policies): some kernel id must be a GPU kernel id\n"
            + "  " + EXIT_CODES + "\n"
            + "  " + BITNET_EXIT_CODES + "\n";

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "verify receipts: verify [--policy " + String.join("|", ReceiptVerifier.policies())
                + "] [--require-gpu-kernels] [--exit-codes default|bitnet] [--json] PATH...\n" + EXIT_CODES;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String policy = ReceiptVerifier.DEFAULT_POLICY;
        boolean json = false;
        boolean requireGpuKernels = false;
        String exitCodes = "default";
        List<String> operands = new ArrayList<>();
        boolean onlyOperands = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (onlyOperands || !a.startsWith("--")) {
                operands.add(a);
            } else if (a.equals("--")) {
                onlyOperands = true;
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--policy")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--policy needs a value");
                }
                policy = args.get(++i);
            } else if (a.startsWith("--policy=")) {
                policy = a.substring("--policy=".length());
            } else if (a.equals("--require-gpu-kernels")) {
                requireGpuKernels = true;
            } else if (a.equals("--exit-codes")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--exit-codes needs a value: default or bitnet");
                }
                exitCodes = args.get(++i);
            } else if (a.startsWith("--exit-codes=")) {
                exitCodes = a.substring("--exit-codes=".length());
            } else if (a.equals("--help")) {
                out.print(USAGE);
                return ReceiptsCli.EXIT_OK;
            } else {
                return usage(err, "unknown option '" + a + "'");
            }
        }
        ReceiptVerifier verifier;
        try {
            verifier = ReceiptVerifier.forPolicy(policy);
            if (requireGpuKernels) {
                verifier = verifier.requiringGpuKernels();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return usage(err, e.getMessage());
        }
        if (!exitCodes.equals("default") && !exitCodes.equals("bitnet")) {
            return usage(err, "--exit-codes '" + exitCodes + "' is not one of default, bitnet");
        }
        if (operands.isEmpty()) {
            return usage(err, "no PATH given");
        }

        ReceiptInputs inputs = ReceiptInputs.expand(operands);
        List<ReceiptVerification> results = new ArrayList<>();
        List<String[]> unreadable = new ArrayList<>(inputs.problems);
        for (Path file : inputs.receipts) {
            try {
                results.add(verifier.verify(file));
            } catch (ReceiptReadException e) {
                unreadable.add(new String[] {file.toString(), stripSource(e)});
            }
        }
        List<ObjectNode> summaries = checkRunSummaries(inputs.runSummaries, unreadable);

        long failed = results.stream().filter(r -> !r.passed()).count();
        boolean summaryProblems = summaries.stream().anyMatch(s -> s.path("problems").size() > 0);
        int exit = !unreadable.isEmpty() ? ReceiptsCli.EXIT_BAD_INPUT
                : failed > 0 || summaryProblems ? ReceiptsCli.EXIT_FAILED : ReceiptsCli.EXIT_OK;
        if (exitCodes.equals("bitnet")) {
            exit = bitnetExit(results, unreadable, exit);
        }
        if (json) {
            out.print(ReceiptJson.text(toJson(policy, results, unreadable, summaries, failed, exit)));
        } else {
            printHuman(out, err, results, unreadable, summaries, failed);
        }
        return exit;
    }

    /** {@code --exit-codes bitnet}; see {@link #BITNET_EXIT_CODES}. */
    private static int bitnetExit(List<ReceiptVerification> results, List<String[]> unreadable, int ours) {
        if (!unreadable.isEmpty()) {
            return BitnetExitCode.unreadable(unreadable.get(0)[0]);
        }
        for (ReceiptVerification r : results) {
            if (!r.passed()) {
                Violation first = r.errors().get(0);
                // HC046 is BitNet.rs's read error: its outermost message is "Invalid JSON in receipt: PATH"
                return first.rule() == ReceiptRule.BITNET_READABLE ? BitnetExitCode.unreadable(r.source())
                        : BitnetExitCode.of(first.message());
            }
        }
        return ours; // 0, or 1 for a run summary's problems: BitNet.rs has no run summaries
    }

    private static String stripSource(ReceiptReadException e) {
        String prefix = e.source() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static List<ObjectNode> checkRunSummaries(List<Path> files, List<String[]> unreadable) {
        List<ObjectNode> out = new ArrayList<>();
        if (files.isEmpty()) {
            return out;
        }
        List<RunSummaryCheck> checks = new ArrayList<>();
        // built in, so every run summary is always checked: every receipt the summary lists must exist with its
        // recorded SHA-256, and no receipt may be unlisted; registered checks add to it
        checks.add(summary -> dev.honestcompute.receipts.summary.RunSummaryDigests.check(summary).stream()
                .map(p -> p.kind() + " " + p.path() + ": " + p.message()).toList());
        ServiceLoader.load(RunSummaryCheck.class, VerifyCommand.class.getClassLoader()).forEach(checks::add);
        for (Path file : files) {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("source", file.toString());
            ArrayNode problems = s.putArray("problems");
            try {
                for (RunSummaryCheck c : checks) {
                    c.check(file).forEach(problems::add);
                }
            } catch (ReceiptReadException e) {
                unreadable.add(new String[] {file.toString(), stripSource(e)});
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private static void printHuman(PrintStream out, PrintStream err, List<ReceiptVerification> results,
                                   List<String[]> unreadable, List<ObjectNode> summaries, long failed) {
        for (ReceiptVerification r : results) {
            out.println(r.describe());
        }
        for (ObjectNode s : summaries) {
            if (s.path("problems").isEmpty()) {
                out.println(s.path("source").asText() + ": run summary OK");
            } else {
                out.println(s.path("source").asText() + ": run summary FAILED");
                s.path("problems").forEach(p -> out.println("  " + p.asText()));
            }
        }
        for (String[] u : unreadable) {
            err.println(u[0] + ": UNREADABLE: " + u[1]);
        }
        out.println("verified " + results.size() + " receipt(s): " + (results.size() - failed) + " passed, " + failed
                + " failed" + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " unreadable input(s)"));
    }

    private static ObjectNode toJson(String policy, List<ReceiptVerification> results, List<String[]> unreadable,
                                     List<ObjectNode> summaries, long failed, int exit) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("policy", policy);
        n.put("exit_code", exit);
        n.put("passed", exit == ReceiptsCli.EXIT_OK);
        ObjectNode counts = n.putObject("counts");
        counts.put("receipts", results.size());
        counts.put("passed", results.size() - failed);
        counts.put("failed", failed);
        counts.put("unreadable", unreadable.size());
        ArrayNode arr = n.putArray("results");
        results.forEach(r -> arr.add(r.toJson()));
        ArrayNode errors = n.putArray("unreadable");
        for (String[] u : unreadable) {
            errors.addObject().put("source", u[0]).put("message", u[1]);
        }
        ArrayNode rs = n.putArray("run_summaries");
        summaries.forEach(rs::add);
        return n;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("verify: " + problem);
        err.print(USAGE);
        return ReceiptsCli.EXIT_BAD_INPUT;
    }
}
