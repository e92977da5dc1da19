package dev.honestcompute.receipts.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The junit-receipts command line: {@code java -jar junit-receipts-<version>.jar <command> [args]}.
 *
 * <pre>{@code
 * java -jar junit-receipts-0.1.0.jar verify --policy default target/receipts
 * java -jar junit-receipts-0.1.0.jar verify --policy bitnet --no-run-summary --json ci/inference.json
 * java -jar junit-receipts-0.1.0.jar host
 * }</pre>
 *
 * Exit codes are per command and listed in the usage text ({@code verify}: {@value #EXIT_OK} all passed,
 * {@value #EXIT_FAILED} a receipt broke a rule or a run summary has problems, {@value #EXIT_BAD_INPUT} bad usage or an
 * input that could not be read); an unknown command exits {@value #EXIT_BAD_INPUT}. No stack trace reaches the user:
 * a bug, an exhausted heap or stack is one line on stderr and exit {@value #EXIT_BAD_INPUT}. More subcommands plug in through {@link Subcommand}.
 */
public final class ReceiptsCli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    private ReceiptsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code (for tests and embedding; never exits the JVM). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Subcommand> commands;
        try {
            commands = subcommands(err);
        } catch (ServiceConfigurationError e) {
            err.println("junit-receipts: a registered subcommand could not be loaded: " + e.getMessage()
                    + "; check META-INF/services/" + Subcommand.class.getName() + " on the class path");
            return EXIT_BAD_INPUT;
        }
        if (args.length == 0) {
            err.print(usage(commands));
            return EXIT_BAD_INPUT;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            out.print(usage(commands));
            return EXIT_OK;
        }
        Subcommand command = commands.get(name);
        if (command == null) {
            err.println("junit-receipts: unknown command '" + name + "'");
            err.print(usage(commands));
            return EXIT_BAD_INPUT;
        }
        try {
            return command.run(List.copyOf(Arrays.asList(args).subList(1, args.length)), out, err);
        } catch (RuntimeException e) {
            err.println("junit-receipts " + name + ": internal error: " + e
                    + "; this is a bug in Honest Compute, please report it with the command line and input");
            return EXIT_BAD_INPUT;
        } catch (OutOfMemoryError e) {
            // the big input's objects are unreachable by now: there is room to say so
            err.println("junit-receipts " + name + ": out of memory (max heap " + Runtime.getRuntime().maxMemory()
                    / (1024 * 1024) + " MB): an input is far larger than any receipt or run summary; check the paths");
            return EXIT_BAD_INPUT;
        } catch (StackOverflowError e) {
            err.println("junit-receipts " + name + ": an input is nested too deeply to process; check the paths");
            return EXIT_BAD_INPUT;
        }
    }

    /** Built-in subcommands first, then those registered through {@link ServiceLoader}, by name. */
    public static Map<String, Subcommand> subcommands() {
        return subcommands(System.err);
    }

    private static Map<String, Subcommand> subcommands(PrintStream err) {
        Map<String, Subcommand> out = new LinkedHashMap<>();
        List<Subcommand> all = new ArrayList<>(List.of(new VerifyCommand(), new HostCommandLine(), new KeygenCommand(),
                new ToolCommand("report", "render index.html and summary.md from a receipts directory\n"
                        + "exit 0 written, 1 the report could not be written, 2 bad usage or unusable directory",
                        dev.honestcompute.receipts.report.ReportCli::run),
                new ToolCommand("baseline", "update perf baselines from receipts, or compare receipts against them\n"
                        + "exit 0 done (regressions without --gate are only printed), 1 compare --gate found a "
                        + "gating regression, 2 bad usage or unusable input",
                        dev.honestcompute.receipts.perf.BaselineCli::run),
                new ToolCommand("replay", "compare two runs' replay blocks, or compute a block from receipts\n"
                        + "exit 0 equivalent (block: written), 2 a mismatch, an invalid input or bad usage",
                        dev.honestcompute.receipts.replay.ReplayCli::run)));
        ServiceLoader.load(Subcommand.class, ReceiptsCli.class.getClassLoader()).forEach(all::add);
        for (Subcommand c : all) {
            Subcommand previous = out.putIfAbsent(c.name(), c);
            if (previous != null && previous.getClass() != c.getClass()) {
                err.println("junit-receipts: two subcommands are named '" + c.name() + "' (" + previous.getClass()
                        .getName() + ", " + c.getClass().getName() + "); using the first");
            }
        }
        return out;
    }

    static String usage(Map<String, Subcommand> commands) {
        StringBuilder sb = new StringBuilder("usage: java -jar junit-receipts.jar <command> [args]\ncommands:\n");
        for (Subcommand c : commands.values()) {
            String[] lines = c.summary().split("\n");
            sb.append(String.format("  %-10s %s%n", c.name(), lines[0]));
            for (int i = 1; i < lines.length; i++) {
                sb.append(String.format("  %-10s %s%n", "", lines[i]));
            }
        }
        sb.append("exit codes are per command (above); an unknown command exits 2\n");
        return sb.toString();
    }
}
