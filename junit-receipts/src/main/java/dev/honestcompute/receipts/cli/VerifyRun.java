package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.ReceiptVerification;
import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.Violation;
import dev.honestcompute.receipts.internal.BoundedFiles;
import dev.honestcompute.receipts.summary.RunSigningKey;
import dev.honestcompute.receipts.summary.RunSummaryProblem;
import dev.honestcompute.receipts.summary.RunSummaryVerification;
import dev.honestcompute.receipts.summary.RunSummaryVerifier;
import dev.honestcompute.receipts.verify.BitnetExitCode;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * One {@code verify} invocation after its options are parsed: expands the operands, verifies every receipt with the
 * policy and every run summary they belong to, and prints the outcome ({@link VerifyOutput}). Every input is handled
 * on its own: an unreadable file, a malformed glob or an input too large for the heap is reported and the others are
 * still checked.
 */
final class VerifyRun {

    /**
     * The options besides the policy.
     *
     * @param json         print JSON instead of text
     * @param acceptedWithoutSummary why receipts without a run summary are accepted ({@code --no-run-summary}, or a
     *                     bitnet policy: BitNet.rs's receipts have none), or null when such receipts fail
     * @param publicKey    the key run summaries must be signed with, or null
     * @param buildId      the build id every run summary must have, or null
     * @param bitnetExits  exit with BitNet.rs's codes ({@code --exit-codes bitnet}, {@link BitnetExitCode})
     */
    record Options(boolean json, String acceptedWithoutSummary, PublicKey publicKey, String buildId,
                   boolean bitnetExits) {

        boolean noRunSummary() {
            return acceptedWithoutSummary != null;
        }
    }

    /** An input that could not be read, and why. */
    record Unreadable(String source, String message) {
    }

    /** One problem line of a run summary: a {@link RunSummaryProblem.Kind} or {@code CHECK} for registered checks. */
    record Problem(String kind, String path, String message) {
    }

    /** A run summary that was checked: its verification and every problem found. */
    record Summary(Path file, RunSummaryVerification verification, List<Problem> problems) {
    }

    /** Receipts found under {@code directory} with no run summary at or above them. */
    record Orphans(Path directory, List<Path> receipts) {
    }

    /** Everything one invocation found; {@link #exit()} is its exit code. */
    record Outcome(String policy, Options options, List<ReceiptVerification> results, List<Unreadable> unreadable,
                   List<Summary> summaries, List<Orphans> orphans) {

        long failed() {
            return results.stream().filter(r -> !r.passed()).count();
        }

        long orphanReceipts() {
            return orphans.stream().mapToLong(o -> o.receipts().size()).sum();
        }

        boolean runProblems() {
            return summaries.stream().anyMatch(s -> !s.problems().isEmpty())
                    || (!options.noRunSummary() && !orphans.isEmpty());
        }

        int exit() {
            int ours = !unreadable.isEmpty() ? ReceiptsCli.EXIT_BAD_INPUT
                    : failed() > 0 || runProblems() ? ReceiptsCli.EXIT_FAILED : ReceiptsCli.EXIT_OK;
            return options.bitnetExits() ? bitnetExit(ours) : ours;
        }

        /** {@code --exit-codes bitnet}; see {@link VerifyCommand#BITNET_EXIT_CODES}. */
        private int bitnetExit(int ours) {
            if (!unreadable.isEmpty()) {
                return BitnetExitCode.unreadable(unreadable.get(0).source());
            }
            for (ReceiptVerification r : results) {
                if (!r.passed()) {
                    Violation first = r.errors().get(0);
                    // HC046 is BitNet.rs's read error: its outermost message is "Invalid JSON in receipt: PATH"
                    return first.rule() == ReceiptRule.BITNET_READABLE ? BitnetExitCode.unreadable(r.source())
                            : BitnetExitCode.of(first.message());
                }
            }
            return ours; // 0, or 1 for a run's problems: BitNet.rs has no run summaries
        }
    }

    private final ReceiptVerifier verifier;
    private final Options options;

    VerifyRun(ReceiptVerifier verifier, Options options) {
        this.verifier = verifier;
        this.options = options;
    }

    /**
     * Reads the {@code --public-key} file (bounded, regular files only).
     *
     * @return the key, or null when {@code file} is null
     * @throws IllegalArgumentException naming the file and the problem (bad usage: exit 2)
     */
    static PublicKey publicKey(String file) {
        if (file == null) {
            return null;
        }
        String source = "--public-key " + file;
        try {
            byte[] bytes = BoundedFiles.read(Path.of(file), RunSigningKey.MAX_KEY_CHARS);
            return RunSigningKey.parsePublicKey(new String(bytes, StandardCharsets.UTF_8), source);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(source + ": not a valid path: " + e.getReason(), e);
        } catch (ReceiptReadException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    int run(List<String> operands, PrintStream out, PrintStream err) {
        ReceiptInputs inputs = ReceiptInputs.expand(operands);
        List<Unreadable> unreadable = new ArrayList<>();
        inputs.problems.forEach(p -> unreadable.add(new Unreadable(p[0], p[1])));
        List<ReceiptVerification> results = new ArrayList<>();
        for (Path file : inputs.receipts) {
            try {
                results.add(verifier.verify(file));
            } catch (ReceiptReadException e) {
                unreadable.add(new Unreadable(file.toString(), stripSource(e)));
            } catch (OutOfMemoryError e) {
                unreadable.add(new Unreadable(file.toString(), outOfMemory()));
            } catch (RuntimeException e) {
                unreadable.add(new Unreadable(file.toString(), "the verifier failed on it (" + e + "); this is a bug "
                        + "in Honest Compute, please report it with the file"));
            }
        }
        List<Summary> summaries = new ArrayList<>();
        for (Path file : inputs.runSummaries) {
            Summary s = checkSummary(file, unreadable);
            if (s != null) {
                summaries.add(s);
            }
        }
        List<Orphans> orphans = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> e : inputs.withoutSummary.entrySet()) {
            orphans.add(new Orphans(e.getKey(), List.copyOf(e.getValue())));
        }
        Outcome outcome = new Outcome(verifier.policy(), options, results, unreadable, summaries, orphans);
        if (options.json()) {
            out.print(VerifyOutput.json(outcome));
        } else {
            VerifyOutput.human(outcome, out, err);
        }
        return outcome.exit();
    }

    /** Checks one run summary: the built-in checks, then those registered through {@link RunSummaryCheck}. */
    private Summary checkSummary(Path file, List<Unreadable> unreadable) {
        try {
            RunSummaryVerification v = RunSummaryVerifier.verify(file, options.publicKey(), options.buildId());
            List<Problem> problems = new ArrayList<>();
            v.problems().forEach(p -> problems.add(new Problem(p.kind().name(), p.path(), p.message())));
            for (RunSummaryCheck c : ServiceLoader.load(RunSummaryCheck.class, VerifyRun.class.getClassLoader())) {
                c.check(file).forEach(m -> problems.add(new Problem("CHECK", "", m)));
            }
            return new Summary(file, v, List.copyOf(problems));
        } catch (ReceiptReadException e) {
            unreadable.add(new Unreadable(file.toString(), stripSource(e)));
        } catch (OutOfMemoryError e) {
            unreadable.add(new Unreadable(file.toString(), outOfMemory()));
        } catch (RuntimeException e) {
            unreadable.add(new Unreadable(file.toString(), "the run summary check failed on it (" + e + "); this is a "
                    + "bug in Honest Compute, please report it with the file"));
        }
        return null;
    }

    static String outOfMemory() {
        return "too large to check in this JVM's heap (max " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB); a receipt is a few kilobytes, so this is not one; if it is the run summary of a very large "
                + "build, run the verifier with more heap (java -Xmx2g -jar ...)";
    }

    private static String stripSource(ReceiptReadException e) {
        String prefix = e.source() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
