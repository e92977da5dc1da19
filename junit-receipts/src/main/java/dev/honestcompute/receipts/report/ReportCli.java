package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.ReceiptVerifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code report} command: {@code report [--out DIR] RECEIPTS_DIR} renders {@code index.html} and
 * {@code summary.md} from a receipts directory (into {@code RECEIPTS_DIR} unless {@code --out} says otherwise).
 * Exit codes: 0 written, 2 bad input (usage, missing directory), 1 the report could not be written.
 *
 * <pre>{@code
 * int exit = ReportCli.run(new String[] {"--out", "build/report", "target/receipts"}, System.out, System.err);
 * }</pre>
 */
public final class ReportCli {

    /** Exit code: report written. */
    public static final int OK = 0;
    /** Exit code: the report could not be written (I/O error). */
    public static final int WRITE_FAILED = 1;
    /** Exit code: bad arguments or input. */
    public static final int BAD_INPUT = 2;

    static final String USAGE = "usage: report [--out DIR] [--policy " + String.join("|", ReceiptVerifier.policies())
            + "|none] RECEIPTS_DIR\n"
            + "  Renders RECEIPTS_DIR/index.html (self-contained HTML) and summary.md (Markdown for CI summaries)\n"
            + "  from the receipts and run-summary.json in RECEIPTS_DIR (usually target/receipts).\n"
            + "  --out DIR   write the two files into DIR instead\n"
            + "  --policy P  verifier policy whose violations the report lists (default: default; none: no checks)\n"
            + "  exit codes: 0 written, 1 could not write, 2 bad input";

    private ReportCli() {
    }

    /** Runs the command; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String outDir = null;
        String receiptsDir = null;
        String policy = ReceiptVerifier.DEFAULT_POLICY;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return OK;
            } else if (a.equals("--out")) {
                if (i + 1 >= args.length) {
                    err.println("report: --out needs a directory\n" + USAGE);
                    return BAD_INPUT;
                }
                outDir = args[++i];
            } else if (a.equals("--policy")) {
                if (i + 1 >= args.length) {
                    err.println("report: --policy needs a name\n" + USAGE);
                    return BAD_INPUT;
                }
                policy = args[++i];
            } else if (a.startsWith("--out=")) {
                outDir = a.substring("--out=".length());
            } else if (a.startsWith("-") && !a.equals("-")) {
                err.println("report: unknown option '" + a + "'\n" + USAGE);
                return BAD_INPUT;
            } else if (receiptsDir == null) {
                receiptsDir = a;
            } else {
                err.println("report: one receipts directory expected, got '" + receiptsDir + "' and '" + a + "'\n"
                        + USAGE);
                return BAD_INPUT;
            }
        }
        if (receiptsDir == null) {
            err.println("report: missing RECEIPTS_DIR (e.g. target/receipts)\n" + USAGE);
            return BAD_INPUT;
        }
        if (outDir != null && outDir.isBlank()) {
            err.println("report: --out needs a non-empty directory\n" + USAGE);
            return BAD_INPUT;
        }
        ViolationSource violations;
        if (policy.equals("none")) {
            violations = ViolationSource.none();
        } else {
            try {
                violations = ViolationSource.of(ReceiptVerifier.forPolicy(policy));
            } catch (IllegalArgumentException e) {
                err.println("report: " + e.getMessage() + "\n" + USAGE);
                return BAD_INPUT;
            }
        }
        Path in;
        Path target;
        try {
            in = Path.of(receiptsDir);
            target = outDir == null ? in : Path.of(outDir);
        } catch (InvalidPathException e) {
            err.println("report: invalid path: " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            ReportFiles files = ReportRenderer.render(in, target, violations);
            out.println("report: " + files.receipts() + " receipt(s), " + files.unreadable() + " unreadable");
            out.println("  " + files.indexHtml().toAbsolutePath());
            out.println("  " + files.summaryMarkdown().toAbsolutePath());
            return OK;
        } catch (ReportInputException e) {
            err.println("report: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("report: cannot write the report into " + target.toAbsolutePath() + ": " + e
                    + "; check that the directory is writable");
            return WRITE_FAILED;
        }
    }
}
