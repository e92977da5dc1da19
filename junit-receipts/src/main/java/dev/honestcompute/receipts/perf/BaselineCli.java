package dev.honestcompute.receipts.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code baseline} command, as a plain entry point the junit-receipts CLI registers:
 * <pre>
 * baseline update  --from &lt;receipts dir&gt; --to &lt;baselines dir&gt;
 * baseline compare --receipts &lt;receipts dir&gt; --baselines &lt;baselines dir&gt; [--threshold 0.10] [--gate] [--force-compare]
 * </pre>
 * Exit status: {@value #OK} success (for {@code compare}: no gating regression; non-gating regressions are printed as
 * warnings); {@value #REGRESSION} a regression with {@code --gate}; {@value #INVALID} bad arguments or unusable input
 * (the message names the file and field).
 *
 * <pre>{@code
 * int exit = BaselineCli.run(new String[] {"update", "--from", "target/receipts", "--to", "perf-baselines"},
 *         System.out, System.err);
 * }</pre>
 */
public final class BaselineCli {

    public static final int OK = 0;
    public static final int REGRESSION = 1;
    public static final int INVALID = 2;

    private static final String USAGE = "usage: baseline update --from <receipts dir> --to <baselines dir>\n"
            + "       baseline compare --receipts <receipts dir> --baselines <baselines dir> [--threshold 0.10] "
            + "[--gate] [--force-compare]\n"
            + "  --threshold T  a fraction in (0, 10): a median more than T slower than its baseline is a regression"
            + " (default 0.10)\n"
            + "  exit codes: 0 done (regressions without --gate are only printed), 1 compare --gate found a gating "
            + "regression, 2 bad usage or unusable input";

    private BaselineCli() {
    }

    /** Process entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return OK;
        }
        if (args.length == 0 || !(args[0].equals("update") || args[0].equals("compare"))) {
            err.println(USAGE);
            return INVALID;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--gate") || a.equals("--force-compare")) {
                options.put(a, "true");
            } else if ((a.equals("--from") || a.equals("--to") || a.equals("--receipts") || a.equals("--baselines")
                    || a.equals("--threshold")) && i + 1 < args.length) {
                options.put(a, args[++i]);
            } else {
                err.println("baseline " + args[0] + ": unknown or incomplete option '" + a + "'\n" + USAGE);
                return INVALID;
            }
        }
        try {
            return args[0].equals("update") ? update(options, out, err) : compare(options, out, err);
        } catch (BaselineException | IllegalArgumentException e) {
            err.println("baseline " + args[0] + " failed: " + e.getMessage());
            return INVALID;
        } catch (IOException e) {
            err.println("baseline " + args[0] + " failed: " + e);
            return INVALID;
        }
    }

    private static int update(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        String from = options.get("--from");
        String to = options.get("--to");
        if (from == null || to == null) {
            err.println("baseline update: --from and --to are required\n" + USAGE);
            return INVALID;
        }
        BaselineUpdate.Result r = BaselineUpdate.update(Path.of(from), Path.of(to));
        out.println("baseline update: read " + r.receiptsRead() + " JSON files (" + r.receiptsWithoutPerformance()
                + " without a performance section), wrote " + r.written().size() + " baseline files to " + to);
        r.written().forEach(p -> out.println("  " + p));
        return OK;
    }

    private static int compare(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        String receipts = options.get("--receipts");
        String baselines = options.get("--baselines");
        if (receipts == null || baselines == null) {
            err.println("baseline compare: --receipts and --baselines are required\n" + USAGE);
            return INVALID;
        }
        RegressionPolicy policy = RegressionPolicy.defaults()
                .withGating(options.containsKey("--gate"))
                .withForceCompare(options.containsKey("--force-compare"));
        String threshold = options.get("--threshold");
        if (threshold != null) {
            double t;
            try {
                t = Double.parseDouble(threshold.trim());
            } catch (NumberFormatException e) {
                t = Double.NaN;
            }
            if (!(t > 0 && t < 10)) {
                err.println("baseline compare: --threshold '" + threshold + "' is not a fraction in (0, 10); "
                        + "use e.g. --threshold 0.10 for 10%\n" + USAGE);
                return INVALID;
            }
            policy = policy.withThreshold(t);
        }
        RegressionCheck check = new RegressionCheck(new BaselineStore(Path.of(baselines)), policy);
        ReceiptPerformance.Scan scan = ReceiptPerformance.scan(Path.of(receipts));
        if (scan.entries().isEmpty()) {
            err.println("baseline compare: no receipt under " + receipts + " has a performance section ("
                    + scan.filesRead() + " JSON files read)");
            return INVALID;
        }
        List<BaselineComparison> failing = new ArrayList<>();
        for (ReceiptPerformance.Entry e : scan.entries()) {
            BaselineComparison c = check.compare(e.testClass(), e.testMethod(), e.name(), e.unit(), e.msPerUnit(),
                    e.host());
            out.println(e.testClass() + "#" + e.testMethod() + " "
                    + c.verdict().name().toLowerCase(Locale.ROOT) + ": " + c.message());
            if (c.failsBuild()) {
                failing.add(c);
            }
        }
        if (!failing.isEmpty()) {
            err.println("baseline compare: " + failing.size() + " gating regression(s)");
            return REGRESSION;
        }
        return OK;
    }
}
