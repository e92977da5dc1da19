package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code replay} command, as a plain entry point the junit-receipts CLI registers:
 * <pre>
 * replay compare &lt;A&gt; &lt;B&gt; [--out comparison.json]
 * replay block &lt;receipts dir&gt; [--config key=value]... [--out replay.json]
 * </pre>
 * A and B are run summaries (with a {@code replay} block), bare replay blocks, or directories of receipts.
 * {@code compare} exits {@value #EQUIVALENT} when the runs are replay-equivalent and {@value #MISMATCH} on a mismatch
 * or an invalid input; the comparison JSON ({@link ReplayComparison}, every mismatching path) is written atomically
 * to {@code --out}, or printed without it. {@code block} computes a replay block from receipts (exit 0, or 2 on bad
 * input).
 *
 * <pre>{@code
 * int exit = ReplayCli.run(new String[] {"compare", "a/run-summary.json", "b/run-summary.json",
 *         "--out", "target/replay-comparison.json"}, System.out, System.err);
 * }</pre>
 */
public final class ReplayCli {

    public static final int EQUIVALENT = 0;
    public static final int MISMATCH = 2;

    private static final String USAGE = "usage: replay compare <A> <B> [--out comparison.json]\n"
            + "       replay block <receipts dir> [--config key=value]... [--out replay.json]\n"
            + "  A and B: run-summary.json files, replay blocks, or directories of receipts\n"
            + "  exit codes: compare 0 equivalent, 2 a mismatch, an invalid input or bad usage; "
            + "block 0 written, 2 bad usage or input";

    private ReplayCli() {
    }

    /** Process entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.size() == 1 && (rest.get(0).equals("--help") || rest.get(0).equals("-h"))) {
            out.println(USAGE);
            return EQUIVALENT;
        }
        if (rest.isEmpty() || !(rest.get(0).equals("compare") || rest.get(0).equals("block"))) {
            err.println(USAGE);
            return MISMATCH;
        }
        String command = rest.remove(0);
        Path outFile = null;
        Map<String, String> config = new TreeMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("--out") || (a.equals("--config") && command.equals("block"))) {
                if (i + 1 >= rest.size()) {
                    err.println("replay " + command + ": " + a + " needs a value\n" + USAGE);
                    return MISMATCH;
                }
                String v = rest.get(++i);
                if (a.equals("--out")) {
                    outFile = Path.of(v);
                } else {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        err.println("replay block: --config '" + v + "' must be key=value");
                        return MISMATCH;
                    }
                    config.put(v.substring(0, eq), v.substring(eq + 1));
                }
            } else if (a.startsWith("--")) {
                err.println("replay " + command + ": unknown option '" + a + "'\n" + USAGE);
                return MISMATCH;
            } else {
                positional.add(a);
            }
        }
        return command.equals("compare") ? compare(positional, outFile, out, err)
                : block(positional, config, outFile, out, err);
    }

    private static int compare(List<String> inputs, Path outFile, PrintStream out, PrintStream err) {
        if (inputs.size() != 2) {
            err.println("replay compare: expected two inputs, got " + inputs.size() + "\n" + USAGE);
            return MISMATCH;
        }
        ReplayComparison c = ReplayCompare.compare(Path.of(inputs.get(0)), Path.of(inputs.get(1)));
        ObjectNode json = ReceiptJson.mapper().valueToTree(c);
        if (!write(json, outFile, out, err, "replay compare")) {
            return MISMATCH;
        }
        if (outFile != null) {
            out.println("replay compare: " + c.status() + " (" + c.mismatches().size() + " mismatching paths, "
                    + c.errors().size() + " errors); comparison written to " + outFile);
        }
        for (ReplayComparison.Mismatch m : c.mismatches()) {
            err.println("replay compare: mismatch at " + m.path());
        }
        for (String e : c.errors()) {
            err.println("replay compare: " + e);
        }
        return c.equivalent() ? EQUIVALENT : MISMATCH;
    }

    private static int block(List<String> inputs, Map<String, String> config, Path outFile, PrintStream out,
                             PrintStream err) {
        if (inputs.size() != 1) {
            err.println("replay block: expected one receipts directory, got " + inputs.size() + "\n" + USAGE);
            return MISMATCH;
        }
        ReplayBlock block;
        try {
            block = ReplayBlock.fromDirectory(Path.of(inputs.get(0)), config);
        } catch (IOException | ReceiptReadException | IllegalArgumentException e) {
            err.println("replay block: " + e.getMessage());
            return MISMATCH;
        }
        return write(block.toJson(), outFile, out, err, "replay block") ? EQUIVALENT : MISMATCH;
    }

    private static boolean write(ObjectNode json, Path outFile, PrintStream out, PrintStream err, String command) {
        if (outFile == null) {
            out.print(ReceiptJson.text(json));
            return true;
        }
        try {
            ReceiptJson.write(outFile, json);
            return true;
        } catch (IOException e) {
            err.println(command + ": cannot write " + outFile + ": " + e);
            return false;
        }
    }
}
