package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.verify.BitnetExitCode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify [--policy default|bitnet|bitnet-strict] [--require-gpu-kernels] [--exit-codes default|bitnet] [--json]
 * [--public-key FILE] [--build-id ID] [--no-run-summary] PATH...}:
 * verifies receipt files, directories (recursive {@code *.json}) and globs, each against the run summary of its
 * receipts directory, and each summary against itself (and its signature, with {@code --public-key}; its build, with
 * {@code --build-id}). Exit 0 when every receipt passes and
 * every run is complete and consistent, 1 when a receipt breaks a rule or a run has problems (receipts without a run
 * summary included, unless {@code --no-run-summary}), 2 on bad usage or an input that cannot be read; with
 * {@code --exit-codes bitnet} the codes BitNet.rs's {@code xtask verify-receipt} exits with instead
 * ({@link BitnetExitCode}).
 */
final class VerifyCommand implements Subcommand {

    static final String EXIT_CODES = "exit 0 every receipt passed and every run summary is OK, 1 a receipt broke a "
            + "rule or a run summary has problems (or is missing), 2 an input could not be read or bad usage";

    /** BitNet.rs's codes, for {@code --exit-codes bitnet}. */
    static final String BITNET_EXIT_CODES = "--exit-codes bitnet: exit as BitNet.rs's xtask verify-receipt does: 0 "
            + "passed, 15 the CPU quantized-kernel check failed, 14 any other failure or unreadable input (13, 16, "
            + "17, 130 or 10 when the message contains the words xtask looks for), 2 bad usage; with several inputs, "
            + "the code of the first unreadable one, else of the first failing receipt; 1 a run summary has problems";

    static final String USAGE = "usage: verify [--policy " + String.join("|", ReceiptVerifier.policies())
            + "] [--require-gpu-kernels] [--exit-codes default|bitnet] [--json] [--public-key FILE] [--build-id ID]"
            + " [--no-run-summary] PATH...\n"
            + "  PATH: a receipt file, a directory (every *.json under it) or a quoted glob such as\n"
            + "        'target/receipts/**.json'; every receipt is checked against the run summary of its directory\n"
            + "        (the nearest run-summary.json at or above it), and that summary against itself\n"
            + "  --public-key FILE  the run summary must be signed by this Ed25519 public key (PEM or base64)\n"
            + "  --build-id ID      the run summary must be of this build (honestcompute.build.id of the run)\n"
            + "  --no-run-summary   accept receipts that have no run summary (written by other tools, e.g. BitNet.rs);\n"
            + "                     their completeness, digests and build cannot be checked, and the output says so;\n"
            + "                     implied by the bitnet policies (receipts that have a run summary still get it checked)\n"
            + "  --require-gpu-kernels  BitNet.rs's flag (bitnet policies): some kernel id must be a GPU kernel id\n"
            + "  " + EXIT_CODES + "\n"
            + "  " + BITNET_EXIT_CODES + "\n";

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "verify receipts and their run summaries: verify [--policy " + String.join("|",
                ReceiptVerifier.policies()) + "] [--require-gpu-kernels] [--exit-codes default|bitnet] [--json] "
                + "[--public-key FILE] [--build-id ID] [--no-run-summary] PATH...\n"
                + EXIT_CODES;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String policy = ReceiptVerifier.DEFAULT_POLICY;
        boolean json = false;
        boolean noRunSummary = false;
        boolean requireGpuKernels = false;
        String exitCodes = "default";
        String publicKey = null;
        String buildId = null;
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
            } else if (a.equals("--no-run-summary")) {
                noRunSummary = true;
            } else if (a.equals("--public-key")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--public-key needs a file");
                }
                publicKey = args.get(++i);
            } else if (a.startsWith("--public-key=")) {
                publicKey = a.substring("--public-key=".length());
            } else if (a.equals("--build-id")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--build-id needs a value");
                }
                buildId = args.get(++i);
            } else if (a.startsWith("--build-id=")) {
                buildId = a.substring("--build-id=".length());
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

        VerifyRun.Options options;
        try {
            // BitNet.rs's verify-receipt checks one receipt with no run behind it: its policies give its verdicts, and
            // still check the run summary of receipts that have one
            String accepted = noRunSummary ? VerifyOutput.NO_SUMMARY_OPTION
                    : verifier.policy().startsWith("bitnet") ? "policy " + verifier.policy() + ": BitNet.rs receipts have no run summary"
                    : null;
            options = new VerifyRun.Options(json, accepted, VerifyRun.publicKey(publicKey), buildId,
                    exitCodes.equals("bitnet"));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        return new VerifyRun(verifier, options).run(operands, out, err);
    }

    private static int usage(PrintStream err, String problem) {
        err.println("verify: " + problem);
        err.print(USAGE);
        return ReceiptsCli.EXIT_BAD_INPUT;
    }
}
