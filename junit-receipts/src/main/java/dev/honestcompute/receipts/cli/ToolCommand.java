package dev.honestcompute.receipts.cli;

import java.io.PrintStream;
import java.util.List;

/** A built-in subcommand whose work is a plain {@code run(String[], out, err)} entry point elsewhere in the library. */
record ToolCommand(String name, String summary, Entry entry) implements Subcommand {

    /** The shape of the library's command entry points, e.g. {@code ReportCli::run}. */
    @FunctionalInterface
    interface Entry {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return entry.run(args.toArray(String[]::new), out, err);
    }
}
